import type { Cache } from '../../../src/auth/cache.js';
import { HttpClient } from '../../../src/http/client.js';
import type { Logger } from '../../../src/logger.js';
import { type ApplicationOptions, resolveOptions } from '../../../src/options.js';
import type { LocalServer, SeenRequest } from '../http/local-server.js';

/** A Cache whose expiries follow an injected clock (MemoryCache follows the real one). */
export class ClockedCache implements Cache {
  readonly entries = new Map<string, { value: string; expiresAt: number }>();
  failReads = false;
  constructor(readonly clock: () => number) {}

  async get(key: string): Promise<string | undefined> {
    if (this.failReads) throw new Error('cache is down');
    const entry = this.entries.get(key);
    if (entry === undefined || entry.expiresAt <= this.clock()) return undefined;
    return entry.value;
  }
  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: this.clock() + ttlMs });
  }
  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }
  async add(key: string, value: string, ttlMs: number): Promise<boolean> {
    if ((await this.get(key)) !== undefined) return false;
    await this.set(key, value, ttlMs);
    return true;
  }
  async compareAndDelete(key: string, value: string): Promise<boolean> {
    if ((await this.get(key)) !== value) return false;
    this.entries.delete(key);
    return true;
  }
}

/** A clock tests move by hand. */
export function manualClock(start = Date.UTC(2025, 0, 1, 4)) {
  let now = start;
  const clock = () => now;
  return Object.assign(clock, {
    advance: (ms: number) => {
      now += ms;
    },
  });
}

export function logSpy(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (context: Record<string, unknown>, message: string) =>
    lines.push(`${message} ${JSON.stringify(context)}`);
  return { lines, debug: log, info: log, warn: log, error: log };
}

export const APP_ID = 'wx1234567890abcdef';
export const SECRET = 'app-secret-0123456789abcdef';

/** Options for {@link setup}; `secret: undefined` leaves the secret out. */
export type SetupOptions = Omit<Partial<ApplicationOptions>, 'secret'> & { secret?: string | undefined };

export function setup(baseUrl: string, options: SetupOptions = {}) {
  const { secret, ...rest } = 'secret' in options ? options : { ...options, secret: SECRET };
  const { settings, credentials } = resolveOptions({
    appId: APP_ID,
    baseUrl,
    ...rest,
    ...(secret === undefined ? {} : { secret }),
  });
  const http = new HttpClient(settings, { backoff: { baseMs: 1, capMs: 2 } });
  return { settings, credentials, http };
}

/** A token endpoint: hands out TOKEN_1, TOKEN_2, … (or what `next` decides) and counts calls. */
export function tokenHandler(server: LocalServer, options: { expiresIn?: number; delayMs?: number } = {}) {
  const state = {
    issued: 0,
    forced: [] as boolean[],
    answer: undefined as undefined | ((seen: SeenRequest) => object),
  };
  server.handle((seen, response) => {
    let body: object;
    if (state.answer) body = state.answer(seen);
    else {
      state.issued++;
      body = { access_token: `TOKEN_${state.issued}_abcdefghij`, expires_in: options.expiresIn ?? 7200 };
    }
    if (seen.url.startsWith('/cgi-bin/stable_token')) {
      state.forced.push((JSON.parse(seen.body.toString()) as { force_refresh: boolean }).force_refresh);
    }
    const reply = () => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (options.delayMs) setTimeout(reply, options.delayMs);
    else reply();
  });
  return state;
}
