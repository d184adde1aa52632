import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AccessTokenManager } from '../../../src/auth/access-token.js';
import { MemoryCache } from '../../../src/auth/cache.js';
import { useLocalServer } from '../http/local-server.js';
import { APP_ID, logSpy, SECRET, setup, tokenHandler } from './helpers.js';

describe('AccessTokenManager (classic /cgi-bin/token)', () => {
  const server = useLocalServer();

  function manager(cache: MemoryCache, logger = logSpy()) {
    const { settings, credentials, http } = setup(server.url, { stableToken: false, cache, logger });
    return new AccessTokenManager(settings, credentials, http, { lockPollMs: 5 });
  }

  it('GETs /cgi-bin/token with the credentials in the query, and logs no secret', async () => {
    tokenHandler(server);
    const logger = logSpy();
    expect(await manager(new MemoryCache(), logger).getToken()).toBe('TOKEN_1_abcdefghij');
    expect(server.requests[0]?.method).toBe('GET');
    expect(server.requests[0]?.url).toBe(
      `/cgi-bin/token?grant_type=client_credential&appid=${APP_ID}&secret=${SECRET}`,
    );
    expect(logger.lines.join('\n')).not.toContain(SECRET);
  });

  it('lets one process refresh while the others wait for its token (lock in the Cache)', async () => {
    const state = tokenHandler(server, { delayMs: 100 });
    const cache = new MemoryCache();
    const processes = Array.from({ length: 5 }, () => manager(cache));
    const tokens = await Promise.all(processes.map((p) => p.getToken()));
    expect(new Set(tokens)).toEqual(new Set(['TOKEN_1_abcdefghij']));
    expect(state.issued).toBe(1);
    expect(await cache.get(`access-token-lock:${APP_ID}`)).toBeUndefined();
  });

  it('releases the lock when the refresh fails, so the next caller can try', async () => {
    const cache = new MemoryCache();
    server.handle((_r, res) => res.end(JSON.stringify({ errcode: 40125, errmsg: 'invalid appsecret' })));
    const error = await manager(cache)
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ errcode: 40125, path: '/cgi-bin/token' });
    expect(inspect(error)).not.toContain(SECRET);
    expect(await cache.get(`access-token-lock:${APP_ID}`)).toBeUndefined();
    tokenHandler(server);
    expect(await manager(cache).getToken()).toBe('TOKEN_1_abcdefghij');
  });

  it('fetches a new token for getToken({ forceRefresh }) even with a fresh one cached', async () => {
    const state = tokenHandler(server);
    const tokens = manager(new MemoryCache());
    await tokens.getToken();
    expect(await tokens.getToken({ forceRefresh: true })).toBe('TOKEN_2_abcdefghij');
    expect(state.issued).toBe(2);
  });
});
