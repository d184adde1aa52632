import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/auth/cache.js';
import { AccessTokenError } from '../../src/errors.js';
import type { FakeApi } from '../../src/simulator/api/index.js';
import { hits, MINI, miniApp, startApi } from './client-helpers.js';

const SEND = '/cgi-bin/message/custom/send';

describe('access tokens against the fake WeChat API', () => {
  let api: FakeApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('200 concurrent sends on a cold cache make exactly one token request', async () => {
    const before = api.world.tokenRequests(MINI.appId);
    const app = miniApp(api);
    const openids = Array.from({ length: 200 }, (_, i) => `flight-${i}`);
    for (const openid of openids) api.world.userSent(MINI.appId, openid);
    const results = await Promise.all(
      openids.map((openid) => app.customerService.message('hi').to(openid).send()),
    );
    expect(results.every((r) => r.errcode === 0)).toBe(true);
    expect(api.world.tokenRequests(MINI.appId) - before).toBe(1);
    expect(openids.every((openid) => api.world.messages(MINI.appId, openid).length === 1)).toBe(true);
  });

  it('40001 → expires the token, fetches a new one and replays the send once', async () => {
    const app = miniApp(api);
    api.world.userSent(MINI.appId, 'refresh-1');
    await app.customerService.message('first').to('refresh-1').send();
    const tokensBefore = api.world.tokenRequests(MINI.appId);
    const sendsBefore = hits(api, SEND);
    const oldToken = await app.accessToken.getToken();
    api.world.invalidateTokens(MINI.appId);
    await expect(app.customerService.message('second').to('refresh-1').send()).resolves.toMatchObject({
      errcode: 0,
    });
    expect(api.world.tokenRequests(MINI.appId) - tokensBefore).toBe(1);
    expect(hits(api, SEND) - sendsBefore).toBe(2);
    expect(api.world.messages(MINI.appId, 'refresh-1').map((m) => m.payload.text)).toEqual([
      { content: 'first' },
      { content: 'second' },
    ]);
    expect(await app.accessToken.getToken()).not.toBe(oldToken);
  });

  it('42001 (expired) is handled the same way', async () => {
    const app = miniApp(api);
    api.world.userSent(MINI.appId, 'expired-1');
    await app.accessToken.getToken();
    api.world.expireTokens(MINI.appId);
    await expect(app.customerService.message('x').to('expired-1').send()).resolves.toMatchObject({
      errcode: 0,
    });
  });

  it('a token that fails again after the replay surfaces as AccessTokenError, with no loop', async () => {
    const app = miniApp(api);
    api.world.userSent(MINI.appId, 'loop-1');
    await app.accessToken.getToken();
    const sendsBefore = hits(api, SEND);
    api.world.inject(SEND, { errcode: 40001, errmsg: 'invalid credential' }, 2);
    await expect(app.customerService.message('x').to('loop-1').send()).rejects.toBeInstanceOf(
      AccessTokenError,
    );
    expect(hits(api, SEND) - sendsBefore).toBe(2);
    expect(api.world.messages(MINI.appId, 'loop-1')).toHaveLength(0);
  });

  it('shares the token between Applications through a common Cache', async () => {
    const cache = new MemoryCache();
    const before = api.world.tokenRequests(MINI.appId);
    const one = miniApp(api, { cache });
    const two = miniApp(api, { cache });
    expect(await one.accessToken.getToken()).toBe(await two.accessToken.getToken());
    expect(api.world.tokenRequests(MINI.appId) - before).toBe(1);
  });

  it('uses the classic endpoint when stableToken is false', async () => {
    const app = miniApp(api, { stableToken: false });
    await app.accessToken.getToken();
    expect(api.world.requests().at(-1)).toMatchObject({ method: 'GET', path: '/cgi-bin/token', status: 200 });
  });
});
