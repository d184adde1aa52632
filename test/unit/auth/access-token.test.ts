import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AccessTokenManager } from '../../../src/auth/access-token.js';
import { MemoryCache } from '../../../src/auth/cache.js';
import { ConfigError, HttpError, IpWhitelistError } from '../../../src/errors.js';
import { useLocalServer } from '../http/local-server.js';
import { APP_ID, ClockedCache, logSpy, manualClock, SECRET, setup, tokenHandler } from './helpers.js';

describe('AccessTokenManager (stable_token)', () => {
  const server = useLocalServer();

  function manager(options: Parameters<typeof setup>[1] = {}) {
    const { settings, credentials, http } = setup(server.url, options);
    return new AccessTokenManager(settings, credentials, http);
  }

  it('fetches from /cgi-bin/stable_token in normal mode and keeps the token in process', async () => {
    const state = tokenHandler(server);
    const tokens = manager();
    expect(await tokens.getToken()).toBe('TOKEN_1_abcdefghij');
    expect(await tokens.getToken()).toBe('TOKEN_1_abcdefghij');
    expect(tokens.peek()).toBe('TOKEN_1_abcdefghij');
    expect(state.issued).toBe(1);
    const [seen] = server.requests;
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/cgi-bin/stable_token');
    expect(JSON.parse(seen?.body.toString() ?? '')).toEqual({
      grant_type: 'client_credential',
      appid: APP_ID,
      secret: SECRET,
      force_refresh: false,
    });
  });

  it('shares the token with other managers through the Cache, under a key with the appId', async () => {
    const state = tokenHandler(server);
    const cache = new MemoryCache();
    await manager({ cache }).getToken();
    expect(await manager({ cache }).getToken()).toBe('TOKEN_1_abcdefghij');
    expect(state.issued).toBe(1);
    const stored = await cache.get(`access-token:${APP_ID}`);
    expect(JSON.parse(stored ?? '{}')).toMatchObject({ token: 'TOKEN_1_abcdefghij' });
  });

  it('makes one request for many concurrent callers on a cold cache (single flight)', async () => {
    const state = tokenHandler(server, { delayMs: 50 });
    const tokens = manager();
    const all = await Promise.all(Array.from({ length: 200 }, () => tokens.getToken()));
    expect(new Set(all)).toEqual(new Set(['TOKEN_1_abcdefghij']));
    expect(state.issued).toBe(1);
  });

  it('refreshes min(300 s, expires_in / 2) before expiry', async () => {
    const clock = manualClock();
    const state = tokenHandler(server, { expiresIn: 7200 });
    const tokens = manager({ clock, cache: new ClockedCache(clock) });
    await tokens.getToken();
    clock.advance(6_899_000);
    await tokens.getToken();
    expect(state.issued).toBe(1);
    clock.advance(2_000);
    expect(await tokens.getToken()).toBe('TOKEN_2_abcdefghij');
    expect(state.issued).toBe(2);
  });

  it('refreshes a short-lived token at half its lifetime (stable_token hands back the same token)', async () => {
    const clock = manualClock();
    const state = tokenHandler(server);
    state.answer = () => ({ access_token: 'SAME_TOKEN_abcdefghij', expires_in: 200 });
    const tokens = manager({ clock, cache: new ClockedCache(clock) });
    await tokens.getToken();
    clock.advance(99_000);
    await tokens.getToken();
    expect(server.requests).toHaveLength(1);
    clock.advance(2_000);
    await tokens.getToken();
    expect(server.requests).toHaveLength(2);
  });

  it('keeps using a token that is due for refresh but not expired when the refresh fails', async () => {
    const clock = manualClock();
    const logger = logSpy();
    tokenHandler(server);
    const tokens = manager({ clock, cache: new ClockedCache(clock), logger, http: { maxRetries: 0 } });
    await tokens.getToken();
    clock.advance(7_000_000);
    server.handle((_r, res) => res.end(JSON.stringify({ errcode: -1, errmsg: 'system error' })));
    expect(await tokens.getToken()).toBe('TOKEN_1_abcdefghij');
    expect(logger.lines.some((l) => l.includes('using the current one'))).toBe(true);
    // While WeChat fails, the next refresh is tried after 10 s, not on every call.
    const attempts = server.requests.length;
    await tokens.getToken();
    expect(server.requests.length).toBe(attempts);
    clock.advance(10_001);
    expect(await tokens.getToken()).toBe('TOKEN_1_abcdefghij');
    expect(server.requests.length).toBe(attempts + 1);
    clock.advance(300_000);
    await expect(tokens.getToken()).rejects.toMatchObject({ errcode: -1 });
  });

  it('maps token endpoint errors to typed errors without the secret', async () => {
    server.handle((_r, res) =>
      res.end(
        JSON.stringify({
          errcode: 40164,
          errmsg: 'invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist rid: 1-2-3',
        }),
      ),
    );
    const error = await manager()
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpWhitelistError);
    expect((error as IpWhitelistError).ip).toBe('1.2.3.4');
    expect(inspect(error)).not.toContain(SECRET);
  });

  it('asks for the secret (or a provider) only when a token must be fetched', async () => {
    const tokens = manager({ secret: undefined });
    const error = await tokens.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).option).toBe('secret');
    expect((error as Error).message).toMatch(/AppSecret.*accessToken/);
    expect(server.requests).toHaveLength(0);
    await tokens.setToken('SET_TOKEN_abcdefghij', 60_000);
    expect(await tokens.getToken()).toBe('SET_TOKEN_abcdefghij');
  });

  it('setToken stores the token in process and in the Cache with its TTL', async () => {
    const clock = manualClock();
    const cache = new ClockedCache(clock);
    const tokens = manager({ clock, cache });
    await tokens.setToken('SET_TOKEN_abcdefghij', 1_000_000);
    expect(await manager({ clock, cache }).getToken()).toBe('SET_TOKEN_abcdefghij');
    expect(cache.entries.get(`access-token:${APP_ID}`)?.expiresAt).toBe(clock() + 1_000_000);
    await expect(tokens.setToken('', 1)).rejects.toBeInstanceOf(ConfigError);
    await expect(tokens.setToken('x', 0)).rejects.toBeInstanceOf(ConfigError);
  });

  it('setToken refuses a ttlMs JSON cannot store (Infinity, NaN), which other processes could not read', async () => {
    const cache = new MemoryCache();
    const tokens = manager({ cache });
    for (const ttlMs of [Number.POSITIVE_INFINITY, Number.NaN, -1, '60000']) {
      const error = await tokens.setToken('SET_TOKEN_abcdefghij', ttlMs as number).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect(error).toMatchObject({ option: 'ttlMs', message: expect.stringMatching(/finite ttlMs > 0/) });
    }
    expect(cache.size).toBe(0);
  });

  it.each([
    [
      'an infinite expiresIn',
      { token: 'P_abcdefghij', expiresIn: Number.POSITIVE_INFINITY },
      /got expiresIn Infinity/,
    ],
    ['expiresIn as a string', { token: 'P_abcdefghij', expiresIn: '3600000' }, /got expiresIn 3600000/],
    ['no token', { expiresIn: 3_600_000 }, /got no token/],
    ['undefined', undefined, /got no token/],
  ])('refuses a provider answer with %s as a ConfigError', async (_name, answer, got) => {
    const tokens = manager({ accessToken: async () => answer as never });
    const error = await tokens.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ option: 'accessToken', message: expect.stringMatching(got) });
    expect(String(error)).not.toContain('P_abcdefghij');
  });

  it('refuses a WeChat answer whose expires_in overflows to Infinity', async () => {
    server.handle((_seen, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"access_token":"HUGE_abcdefghij","expires_in":1e999}');
    });
    await expect(manager().getToken()).rejects.toBeInstanceOf(HttpError);
  });

  it('getToken({ forceRefresh }) skips both caches and sends force_refresh: true', async () => {
    const state = tokenHandler(server);
    const tokens = manager();
    await tokens.getToken();
    expect(await tokens.getToken({ forceRefresh: true })).toBe('TOKEN_2_abcdefghij');
    expect(state.forced).toEqual([false, true]);
    expect(await tokens.getToken()).toBe('TOKEN_2_abcdefghij');
  });

  it('lets one caller stop waiting without cancelling the fetch for the others', async () => {
    tokenHandler(server, { delayMs: 100 });
    const tokens = manager();
    const controller = new AbortController();
    const reason = new Error('gave up');
    const impatient = tokens.getToken({ signal: controller.signal });
    const patient = tokens.getToken();
    controller.abort(reason);
    await expect(impatient).rejects.toBe(reason);
    await expect(patient).resolves.toBe('TOKEN_1_abcdefghij');
  });

  it('fetches anyway when the Cache is down, and says so', async () => {
    const clock = manualClock();
    const cache = new ClockedCache(clock);
    cache.failReads = true;
    const logger = logSpy();
    tokenHandler(server);
    expect(await manager({ clock, cache, logger }).getToken()).toBe('TOKEN_1_abcdefghij');
    expect(logger.lines.some((l) => l.includes('cache is down'))).toBe(true);
  });

  it('uses the accessToken provider instead of WeChat and the Cache', async () => {
    const calls: boolean[] = [];
    const cache = new MemoryCache();
    const tokens = manager({
      secret: undefined,
      cache,
      accessToken: async ({ forceRefresh }) => {
        calls.push(forceRefresh);
        return { token: `PROVIDED_${calls.length}_abcdefghij`, expiresIn: 3_600_000 };
      },
    });
    expect(await Promise.all([tokens.getToken(), tokens.getToken()])).toEqual([
      'PROVIDED_1_abcdefghij',
      'PROVIDED_1_abcdefghij',
    ]);
    expect(await tokens.getToken({ forceRefresh: true })).toBe('PROVIDED_2_abcdefghij');
    expect(calls).toEqual([false, true]);
    expect(server.requests).toHaveLength(0);
    expect(cache.size).toBe(0);
  });

  it('refuses a provider answer that is not { token, expiresIn }', async () => {
    const tokens = manager({ accessToken: async () => ({ token: '', expiresIn: 0 }) });
    await expect(tokens.getToken()).rejects.toMatchObject({ option: 'accessToken' });
  });

  it('never prints the token', async () => {
    tokenHandler(server);
    const tokens = manager();
    await tokens.getToken();
    expect(inspect(tokens, { depth: 5 })).not.toContain('TOKEN_1');
    expect(JSON.stringify(tokens)).not.toContain('TOKEN_1');
  });
});
