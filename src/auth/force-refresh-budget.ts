import type { Cache } from './cache.js';

/** stable_token allows a forced refresh at most 20 times a day, 30 s apart (SPEC §7.2). */
export const FORCE_REFRESH_PER_DAY = 20;
export const FORCE_REFRESH_GAP_MS = 30_000;

const DAY_MS = 86_400_000;
/** WeChat's daily quotas reset at midnight Beijing time (UTC+8). */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * Counts forced refreshes in the shared Cache, so every process of an account draws on one
 * budget. `Cache` has no counter, so the day's budget is 20 slot keys taken with `add` (atomic in
 * every Cache, Redis included); the gap is one more key that lives 30 s.
 */
export class ForceRefreshBudget {
  readonly #cache: Cache;
  readonly #prefix: string;
  readonly #clock: () => number;

  constructor(cache: Cache, appId: string, clock: () => number) {
    this.#cache = cache;
    this.#prefix = `force-refresh:${appId}`;
    this.#clock = clock;
  }

  /** Takes one forced refresh from the budget; `false` if the gap or the day's budget forbids it. */
  async take(): Promise<boolean> {
    if (!(await this.#cache.add(`${this.#prefix}:gap`, '1', FORCE_REFRESH_GAP_MS))) return false;
    return this.#takeDaySlot();
  }

  /** Records a forced refresh the caller asked for explicitly (it goes ahead regardless). */
  async record(): Promise<void> {
    await this.#cache.set(`${this.#prefix}:gap`, '1', FORCE_REFRESH_GAP_MS);
    await this.#takeDaySlot();
  }

  async #takeDaySlot(): Promise<boolean> {
    const now = this.#clock();
    const day = new Date(now + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
    // Slots outlive the Beijing day they belong to by a little, never by a whole day.
    const ttl = DAY_MS - ((now + BEIJING_OFFSET_MS) % DAY_MS) + 60_000;
    for (let slot = 0; slot < FORCE_REFRESH_PER_DAY; slot++) {
      if (await this.#cache.add(`${this.#prefix}:${day}:${slot}`, '1', ttl)) return true;
    }
    return false;
  }
}
