import { randomBytes } from 'node:crypto';
import { ApiFailure } from './errcodes.js';

interface TokenRecord {
  appId: string;
  source: 'classic' | 'stable';
  expiresAt: number;
  /** From this instant the token answers 40001 (superseded or invalidated). */
  invalidAt: number;
}

/** An issued token, as the endpoints return it. */
export interface IssuedToken {
  access_token: string;
  expires_in: number;
}

/** SPEC §7.1: the previous classic token stays valid this long after a new one is fetched. */
const CLASSIC_OVERLAP_MS = 5 * 60_000;
/** SPEC §7.2: normal mode rotates the stable token about 5 minutes before it expires. */
const STABLE_ROTATE_MS = 5 * 60_000;
/** Dead tokens are remembered this long (so they keep answering 40001/42001, not "unknown"). */
const FORGET_AFTER_MS = 24 * 3_600_000;
/** Tokens are `[0-9A-Za-z_-]`; anything else is malformed (40014) rather than unknown (40001). */
const TOKEN_SHAPE = /^[0-9A-Za-z_-]{20,512}$/;

/**
 * Access tokens of every app (SPEC §7). Classic and stable tokens are independent: issuing one
 * kind never invalidates the other. All times come from the injected clock.
 */
export class TokenStore {
  readonly #records = new Map<string, TokenRecord>();
  readonly #currentStable = new Map<string, string>();
  readonly #successes = new Map<string, number>();
  readonly #clock: () => number;
  readonly #ttlMs: number;
  #serial = 0;

  constructor(clock: () => number, ttlSeconds: number) {
    this.#clock = clock;
    this.#ttlMs = ttlSeconds * 1000;
  }

  /** `/cgi-bin/token`: a new token; the app's previous classic tokens die 5 minutes from now. */
  issueClassic(appId: string): IssuedToken {
    const now = this.#clock();
    for (const record of this.#records.values()) {
      if (record.appId === appId && record.source === 'classic') {
        record.invalidAt = Math.min(record.invalidAt, now + CLASSIC_OVERLAP_MS);
      }
    }
    return this.#issue(appId, 'classic', now);
  }

  /**
   * `/cgi-bin/stable_token`: normal mode hands back the current token with its remaining lifetime
   * (a new one once it is within min(5 min, ttl/2) of expiry; the old one then lives out its
   * time); `force` kills the current one at once and issues another (limits checked by the caller).
   */
  issueStable(appId: string, force: boolean): IssuedToken {
    const now = this.#clock();
    const current = this.#currentStable.get(appId);
    const record = current === undefined ? undefined : this.#records.get(current);
    if (current !== undefined && record !== undefined && this.#usable(record, now)) {
      if (force) {
        record.invalidAt = now;
      } else if (record.expiresAt - now > Math.min(STABLE_ROTATE_MS, this.#ttlMs / 2)) {
        this.#count(appId);
        return { access_token: current, expires_in: Math.floor((record.expiresAt - now) / 1000) };
      }
    }
    const issued = this.#issue(appId, 'stable', now);
    this.#currentStable.set(appId, issued.access_token);
    return issued;
  }

  /** The appId a token belongs to; throws 41001/40014/40001/42001 like WeChat. */
  verify(token: string | null): string {
    if (token === null || token === '') throw new ApiFailure(41001);
    const record = this.#records.get(token);
    if (record === undefined) throw new ApiFailure(TOKEN_SHAPE.test(token) ? 40001 : 40014);
    const now = this.#clock();
    if (now >= record.invalidAt) throw new ApiFailure(40001);
    if (now >= record.expiresAt) throw new ApiFailure(42001);
    return record.appId;
  }

  /** Every live token of the app answers 40001 from now on. */
  invalidate(appId: string): void {
    const now = this.#clock();
    for (const record of this.#liveOf(appId, now)) record.invalidAt = now;
  }

  /** Every live token of the app answers 42001 from now on. */
  expire(appId: string): void {
    const now = this.#clock();
    for (const record of this.#liveOf(appId, now)) record.expiresAt = now;
  }

  /** Successful token calls of the app (both endpoints). */
  successes(appId: string): number {
    return this.#successes.get(appId) ?? 0;
  }

  #issue(appId: string, source: TokenRecord['source'], now: number): IssuedToken {
    this.#forgetDead(now);
    this.#serial += 1;
    const token = `${this.#serial % 100}_${randomBytes(96).toString('base64url')}`;
    this.#records.set(token, {
      appId,
      source,
      expiresAt: now + this.#ttlMs,
      invalidAt: Number.POSITIVE_INFINITY,
    });
    this.#count(appId);
    return { access_token: token, expires_in: Math.floor(this.#ttlMs / 1000) };
  }

  #count(appId: string): void {
    this.#successes.set(appId, this.successes(appId) + 1);
  }

  #usable(record: TokenRecord, now: number): boolean {
    return now < record.invalidAt && now < record.expiresAt;
  }

  *#liveOf(appId: string, now: number): Iterable<TokenRecord> {
    for (const record of this.#records.values()) {
      if (record.appId === appId && this.#usable(record, now)) yield record;
    }
  }

  #forgetDead(now: number): void {
    for (const [token, record] of this.#records) {
      if (Math.min(record.invalidAt, record.expiresAt) + FORGET_AFTER_MS < now) this.#records.delete(token);
    }
  }
}
