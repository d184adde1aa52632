import { ApiFailure } from './errcodes.js';

/** SPEC §7.2: `force_refresh: true` at least 30 s apart … */
const MIN_INTERVAL_MS = 30_000;
/** … and at most 20 times a day. */
const PER_DAY = 20;
/** WeChat's daily quotas reset at midnight Beijing time (UTC+8). */
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

interface Usage {
  day: number;
  count: number;
  last: number;
}

/** Limits of stable_token's force_refresh per app: 45011 if < 30 s apart, 45009 over 20 a day. */
export class ForceRefreshLimiter {
  readonly #usage = new Map<string, Usage>();

  /** Throws if a force refresh now would break a limit; records it otherwise. */
  take(appId: string, now: number): void {
    const day = Math.floor((now + BEIJING_OFFSET_MS) / DAY_MS);
    const usage = this.#usage.get(appId);
    if (usage !== undefined && now - usage.last < MIN_INTERVAL_MS) {
      throw new ApiFailure(45011, 'force_refresh needs 30 seconds between calls');
    }
    const count = usage !== undefined && usage.day === day ? usage.count : 0;
    if (count >= PER_DAY) throw new ApiFailure(45009, 'force_refresh is limited to 20 times a day');
    this.#usage.set(appId, { day, count: count + 1, last: now });
  }
}
