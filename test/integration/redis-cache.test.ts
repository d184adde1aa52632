import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/auth/cache.js';
import { ConfigError } from '../../src/errors.js';
import { RedisCache } from '../../src/redis/index.js';
import { cacheContract } from '../helpers/cache-contract.js';
import { useRedis } from '../helpers/redis-server.js';

let redis: Awaited<ReturnType<typeof useRedis>>;
let io: Redis;
let node: ReturnType<typeof createClient>;

beforeAll(async () => {
  redis = await useRedis();
  io = new Redis(redis.url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  node = createClient({ url: redis.url });
  await node.connect();
});

afterAll(async () => {
  io?.disconnect();
  await node?.quit();
  await redis?.stop();
});

describe('MemoryCache meets the Cache contract', () => {
  cacheContract(() => new MemoryCache());
});

describe('RedisCache on ioredis meets the Cache contract', () => {
  cacheContract(() => new RedisCache(io, { prefix: 'test-io:' }));
});

describe('RedisCache on node-redis meets the Cache contract', () => {
  cacheContract(() => new RedisCache(node, { prefix: 'test-node:' }));
});

describe('RedisCache', () => {
  it('prefixes keys, and both clients see the same data', async () => {
    const viaIo = new RedisCache(io, { prefix: 'shared:' });
    const viaNode = new RedisCache(node, { prefix: 'shared:' });
    await viaIo.set('token:wx1', 'abc', 10_000);
    expect(await viaNode.get('token:wx1')).toBe('abc');
    expect(await io.get('shared:token:wx1')).toBe('abc');
    expect(await io.pttl('shared:token:wx1')).toBeGreaterThan(9_000);
  });

  it('uses the default prefix wechat-cs:', async () => {
    await new RedisCache(io).set('k-default', 'v', 10_000);
    expect(await io.get('wechat-cs:k-default')).toBe('v');
  });

  it('refuses something that is not a Redis client', () => {
    expect(() => new RedisCache({} as never)).toThrow(ConfigError);
    expect(() => new RedisCache(null as never)).toThrow(/ioredis or node-redis/);
  });
});
