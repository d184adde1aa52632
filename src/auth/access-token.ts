import { type AccessTokenError, ConfigError } from '../errors.js';
import type { HttpClient } from '../http/client.js';
import type { Credentials, Settings } from '../options.js';
import { optionsArg } from '../options-arg.js';
import { ForceRefreshBudget } from './force-refresh-budget.js';
import { withRefreshLock } from './refresh-lock.js';
import { fetchToken } from './token-endpoint.js';
import { decodeRecord, encodeRecord, isLifetime, recordFor, type TokenRecord } from './token-record.js';

/** After a failed early refresh, how long the current token is used before the next try. */
const REFRESH_RETRY_MS = 10_000;

/** Options of {@link AccessTokenManager.getToken}. */
export interface GetTokenOptions {
  /** Skip both caches and get a new token (stable_token: `force_refresh: true`). @default false */
  forceRefresh?: boolean;
  /** Stops waiting (the shared fetch goes on for other callers); rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** @internal Knobs for tests. */
export interface AccessTokenInternals {
  /** How often a process waiting for another's classic refresh re-reads the cache. @default 50 */
  lockPollMs?: number;
}

/**
 * Access tokens for one account (DESIGN §5, SPEC §7): kept in the shared `Cache` (under a key
 * with the appId) and in process, refreshed `min(300 s, expires_in / 2)` early, fetched once for
 * any number of concurrent callers, replaced once after WeChat rejects one. With an `accessToken`
 * provider option, the provider is the only source.
 *
 * @example
 * const token = await app.accessToken.getToken();
 * await app.accessToken.setToken(tokenFromElsewhere, 7_000_000);
 */
export class AccessTokenManager {
  readonly #settings: Settings;
  readonly #credentials: Credentials;
  readonly #http: HttpClient;
  readonly #key: string;
  readonly #lockKey: string;
  readonly #budget: ForceRefreshBudget;
  readonly #lockPollMs: number;
  #current: TokenRecord | undefined;
  #flight: Promise<TokenRecord> | undefined;
  #forcedFlight: Promise<TokenRecord> | undefined;

  /** @internal Built by Application (get it as `app.accessToken`); the arguments are internal types. */
  constructor(
    settings: Settings,
    credentials: Credentials,
    http: HttpClient,
    internals: AccessTokenInternals = {},
  ) {
    this.#settings = settings;
    this.#credentials = credentials;
    this.#http = http;
    this.#key = `access-token:${settings.appId}`;
    this.#lockKey = `access-token-lock:${settings.appId}`;
    this.#budget = new ForceRefreshBudget(settings.tokenCache, settings.appId, settings.clock);
    this.#lockPollMs = internals.lockPollMs ?? 50;
  }

  /** The access token, from process memory, then the Cache, then WeChat (or your provider). */
  async getToken(options?: GetTokenOptions): Promise<string> {
    const { forceRefresh, signal } = optionsArg('options', options);
    if (forceRefresh) return (await raceSignal(this.#forced(), signal)).token;
    return this.peek() ?? (await raceSignal(this.#load(), signal)).token;
  }

  /**
   * Stores a token obtained elsewhere, valid for `ttlMs` from now, in process and in the Cache.
   * @example await app.accessToken.setToken(token, 7_200_000)
   */
  async setToken(token: string, ttlMs: number): Promise<void> {
    if (typeof token !== 'string' || token === '')
      throw new ConfigError('token', 'setToken needs a non-empty token');
    if (!isLifetime(ttlMs))
      throw new ConfigError('ttlMs', `setToken needs a finite ttlMs > 0 (ms), got ${String(ttlMs)}`);
    const record = recordFor(token, ttlMs, this.#settings.clock());
    this.#current = record;
    if (!this.#credentials.accessToken) await this.#store(record, ttlMs);
  }

  /**
   * The in-process token if it is not due for refresh: the send hot path, no Promise, no Cache.
   * @internal For ApiClient: a plain method (not `#`) because ApiClient calls it on every send.
   */
  peek(): string | undefined {
    const current = this.#current;
    return current !== undefined && this.#settings.clock() < current.refreshAt ? current.token : undefined;
  }

  /**
   * Called when WeChat rejected `failedToken` (40001/40014/42001): expires it if it is still the
   * current one (compare-and-expire: a token another caller already replaced stays), and returns
   * the token to replay with. Throws `error` when there is nothing better to replay with.
   * @internal For ApiClient's replay after 40001/40014/42001; callers use getToken({ forceRefresh }).
   */
  async replacementFor(failedToken: string, error: AccessTokenError, signal?: AbortSignal): Promise<string> {
    await this.#invalidate(failedToken);
    const next = await this.getToken({ signal });
    if (next !== failedToken) return next;
    // The token service handed back the very token WeChat refuses: it keeps failing.
    this.#forcedFlight ??= this.#startFlight(() => this.#forceAfterFailure(failedToken, error), true);
    return (await raceSignal(this.#forcedFlight, signal)).token;
  }

  async #invalidate(failedToken: string): Promise<void> {
    if (this.#current?.token === failedToken) this.#current = undefined;
    if (this.#credentials.accessToken) return;
    const raw = await this.#read();
    if (decodeRecord(raw)?.token === failedToken && raw !== undefined) {
      await this.#settings.tokenCache
        .compareAndDelete(this.#key, raw)
        .catch((e: unknown) => this.#warn(e, 'expire'));
    }
  }

  async #forceAfterFailure(failedToken: string, error: AccessTokenError): Promise<TokenRecord> {
    if (this.#credentials.accessToken) {
      const record = await this.#fromProvider(true);
      if (record.token === failedToken) throw error;
      return record;
    }
    const reason = !this.#settings.stableToken
      ? 'the classic /cgi-bin/token endpoint handed it back again'
      : (await this.#budget.take())
        ? undefined
        : 'no forced refresh is allowed now (20 a day, 30 s apart)';
    if (reason === undefined) return this.#fetchAndStore(true);
    this.#settings.logger.warn(
      { appId: this.#settings.appId, errcode: error.errcode },
      `the access token keeps failing and ${reason}`,
    );
    throw error;
  }

  #load(): Promise<TokenRecord> {
    this.#flight ??= this.#startFlight(() => this.#refresh(), false);
    return this.#flight;
  }

  #forced(): Promise<TokenRecord> {
    this.#forcedFlight ??= this.#startFlight(() => this.#explicitForce(), true);
    return this.#forcedFlight;
  }

  /** Single flight: one promise shared by every caller until it settles. */
  #startFlight(run: () => Promise<TokenRecord>, forced: boolean): Promise<TokenRecord> {
    const flight = run();
    const clear = () => {
      if (forced && this.#forcedFlight === flight) this.#forcedFlight = undefined;
      if (!forced && this.#flight === flight) this.#flight = undefined;
    };
    // Also marks the flight as handled: a caller that stopped waiting leaves no unhandled rejection.
    flight.then(clear, clear);
    return flight;
  }

  async #explicitForce(): Promise<TokenRecord> {
    if (this.#credentials.accessToken) return this.#fromProvider(true);
    if (!this.#settings.stableToken) return this.#withLock(() => this.#fetchAndStore(false), true);
    await this.#budget.record().catch((e: unknown) => this.#warn(e, 'count a forced refresh'));
    return this.#fetchAndStore(true);
  }

  async #refresh(): Promise<TokenRecord> {
    if (this.#credentials.accessToken) return this.#fromProvider(false);
    const cached = decodeRecord(await this.#read());
    const now = this.#settings.clock();
    if (cached !== undefined && now < cached.refreshAt) return this.#adopt(cached);
    try {
      if (this.#settings.stableToken) return await this.#fetchAndStore(false);
      return await this.#withLock(() => this.#fetchAndStore(false), false);
    } catch (error) {
      // A token past its refresh point but not expired still works: keep serving it.
      const fallback = cached ?? this.#current;
      const now = this.#settings.clock();
      if (fallback === undefined || now >= fallback.expiresAt) throw error;
      this.#warn(error, 'refresh the access token early; using the current one');
      // Try again in a while, not on every call while WeChat is failing.
      return this.#adopt({ ...fallback, refreshAt: Math.min(now + REFRESH_RETRY_MS, fallback.expiresAt) });
    }
  }

  /** Classic endpoint: one process refreshes, the others wait for its token (DESIGN §5). */
  #withLock(refresh: () => Promise<TokenRecord>, ignoreCached: boolean): Promise<TokenRecord> {
    const { timeout, maxRetries } = this.#settings.http;
    // Long enough for every attempt of the fetch and its backoffs (≤ 5 s each).
    const ttlMs = (timeout + 5_000) * (maxRetries + 1);
    const reread = async () => {
      const cached = decodeRecord(await this.#read());
      const fresh = cached !== undefined && !ignoreCached && this.#settings.clock() < cached.refreshAt;
      return fresh ? this.#adopt(cached) : undefined;
    };
    return withRefreshLock(
      this.#settings.tokenCache,
      this.#lockKey,
      { ttlMs, pollMs: this.#lockPollMs },
      refresh,
      reread,
    );
  }

  async #fetchAndStore(force: boolean): Promise<TokenRecord> {
    const secret = this.#credentials.secret;
    if (secret === undefined) {
      throw new ConfigError(
        'secret',
        'is required to call WeChat APIs: pass the AppSecret (开发管理 → 开发设置) as `secret`, or an `accessToken` provider',
      );
    }
    const { appId, stableToken } = this.#settings;
    const fetched = await fetchToken(this.#http, { appId, secret, stable: stableToken, force });
    const record = recordFor(fetched.token, fetched.lifetimeMs, this.#settings.clock());
    this.#settings.logger.debug({ appId, lifetimeMs: fetched.lifetimeMs, force }, 'fetched an access token');
    await this.#store(record, fetched.lifetimeMs);
    return this.#adopt(record);
  }

  async #fromProvider(forceRefresh: boolean): Promise<TokenRecord> {
    const provided = await (this.#credentials.accessToken as NonNullable<Credentials['accessToken']>)({
      forceRefresh,
    });
    const hasToken = typeof provided?.token === 'string' && provided.token !== '';
    if (!hasToken || !isLifetime(provided.expiresIn)) {
      // Says which field is wrong, never the token itself.
      const got = hasToken ? `expiresIn ${String(provided.expiresIn)}` : 'no token';
      throw new ConfigError(
        'accessToken',
        `the provider must resolve to { token: non-empty string, expiresIn: finite ms > 0 }, got ${got}`,
      );
    }
    return this.#adopt(recordFor(provided.token, provided.expiresIn, this.#settings.clock()));
  }

  #adopt(record: TokenRecord): TokenRecord {
    this.#current = record;
    return record;
  }

  /** A Cache that is down costs a fetch, not the send: read failures count as misses. */
  async #read(): Promise<string | undefined> {
    try {
      return await this.#settings.tokenCache.get(this.#key);
    } catch (error) {
      this.#warn(error, 'read the access token from the cache');
      return undefined;
    }
  }

  async #store(record: TokenRecord, ttlMs: number): Promise<void> {
    await this.#settings.tokenCache
      .set(this.#key, encodeRecord(record), ttlMs)
      .catch((e: unknown) => this.#warn(e, 'store the access token in the cache'));
  }

  #warn(error: unknown, action: string): void {
    this.#settings.logger.warn(
      { appId: this.#settings.appId, error: error instanceof Error ? error.message : String(error) },
      `could not ${action}`,
    );
  }

  /** Never prints a token. */
  toJSON(): { appId: string } {
    return { appId: this.#settings.appId };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `AccessTokenManager { appId: '${this.#settings.appId}' }`;
  }
}

/** Lets one caller stop waiting for a shared promise without cancelling it for the others. */
function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
