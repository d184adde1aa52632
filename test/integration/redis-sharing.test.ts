import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Text } from '../../src/messages/index.js';
import { RedisCache } from '../../src/redis/index.js';
import type { FakeApi } from '../../src/simulator/api/index.js';
import { createTestPush } from '../../src/testing/index.js';
import { useRedis } from '../helpers/redis-server.js';
import { MINI, miniApp, startApi } from './client-helpers.js';

// Several processes of one bot, modelled as several Applications sharing one Redis (DESIGN §8).
let redis: Awaited<ReturnType<typeof useRedis>>;
let client: Redis;
let api: FakeApi;
let run = 0;

beforeAll(async () => {
  redis = await useRedis();
  client = new Redis(redis.url);
  api = await startApi();
});

afterAll(async () => {
  client?.disconnect();
  await api?.close();
  await redis?.stop();
});

/** A fresh key space per test, so token counts start from zero. */
const sharedCache = () => new RedisCache(client, { prefix: `sharing-${process.pid}-${++run}:` });

describe('Applications sharing a RedisCache', () => {
  it('reuse the token another one fetched', async () => {
    const cache = sharedCache();
    const before = api.world.tokenRequests(MINI.appId);
    const first = await miniApp(api, { cache }).accessToken.getToken();
    const second = await miniApp(api, { cache }).accessToken.getToken();
    expect(second).toBe(first);
    expect(api.world.tokenRequests(MINI.appId) - before).toBe(1);
  });

  it('fetch a classic token once between them, however many refresh at the same moment', async () => {
    const cache = sharedCache();
    const before = api.world.tokenRequests(MINI.appId);
    const apps = Array.from({ length: 5 }, () => miniApp(api, { cache, stableToken: false }));
    const tokens = await Promise.all(
      apps.flatMap((app) => [app.accessToken.getToken(), app.accessToken.getToken()]),
    );
    expect(new Set(tokens).size).toBe(1);
    expect(api.world.tokenRequests(MINI.appId) - before).toBe(1);
  });

  it('send with the shared token', async () => {
    const cache = sharedCache();
    api.world.userSent(MINI.appId, 'o-shared-user');
    await miniApp(api, { cache })
      .customerService.message(new Text('from process A'))
      .to('o-shared-user')
      .send();
    await miniApp(api, { cache })
      .customerService.message(new Text('from process B'))
      .to('o-shared-user')
      .send();
    const contents = api.world
      .messages(MINI.appId, 'o-shared-user')
      .map((m) => (m.payload.text as { content: string }).content);
    expect(contents).toEqual(['from process A', 'from process B']);
  });

  it('run a push retried to another process only once', async () => {
    const cache = sharedCache();
    const token = 'shared-push-token';
    const handled: string[] = [];
    const apps = [0, 1].map((i) => {
      const app = miniApp(api, { cache, token });
      app.server.on('text', (message) => {
        handled.push(`process ${i}: ${message.Content}`);
      });
      return app;
    });
    const push = createTestPush({
      appId: MINI.appId,
      token,
      message: { MsgType: 'text', Content: '在吗', MsgId: '6054768590064713728' },
    });
    const responses = await Promise.all(apps.map((app) => app.server.serve(push)));
    expect(responses.map((r) => [r.status, r.body])).toEqual([
      [200, 'success'],
      [200, 'success'],
    ]);
    expect(handled).toHaveLength(1);
  });
});
