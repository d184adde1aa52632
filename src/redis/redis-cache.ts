import type { Cache } from '../auth/cache.js';
import { ConfigError } from '../errors.js';

/** An ioredis client (or Cluster): anything with `call(command, ...args)`. */
export interface IoRedisLike {
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
}

/** A node-redis v4+ client: anything with `sendCommand(args)`. */
export interface NodeRedisLike {
  sendCommand(args: string[]): Promise<unknown>;
}

export type RedisClientLike = IoRedisLike | NodeRedisLike;

export interface RedisCacheOptions {
  /**
   * Prepended to every key, so several apps or environments can share one Redis.
   * @default 'wechat-cs:'
   */
  prefix?: string;
}

// Deletes KEYS[1] only if it still holds ARGV[1]: releasing a lock or expiring a token must not
// remove the value another process wrote in the meantime (DESIGN §5).
const COMPARE_AND_DELETE =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

/**
 * A {@link Cache} on Redis, for ioredis or node-redis clients (duck-typed: this package depends on
 * neither). Shares tokens and refresh locks between processes (SET NX PX + compare-and-delete)
 * and makes push de-duplication cluster-wide.
 *
 * @example
 * import Redis from 'ioredis';
 * import { RedisCache } from 'wechat-customer-service/redis';
 * const app = new Application({ appId, secret, cache: new RedisCache(new Redis(process.env.REDIS_URL)) });
 */
export class RedisCache implements Cache {
  readonly #run: (args: string[]) => Promise<unknown>;
  readonly #prefix: string;

  constructor(client: RedisClientLike, options: RedisCacheOptions = {}) {
    this.#run = commandRunner(client);
    this.#prefix = options.prefix ?? 'wechat-cs:';
  }

  async get(key: string): Promise<string | undefined> {
    const value = await this.#run(['GET', this.#prefix + key]);
    return value === null || value === undefined ? undefined : String(value);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#run(['SET', this.#prefix + key, value, 'PX', ttl(ttlMs)]);
  }

  async delete(key: string): Promise<void> {
    await this.#run(['DEL', this.#prefix + key]);
  }

  async add(key: string, value: string, ttlMs: number): Promise<boolean> {
    const reply = await this.#run(['SET', this.#prefix + key, value, 'PX', ttl(ttlMs), 'NX']);
    return reply === 'OK';
  }

  async compareAndDelete(key: string, value: string): Promise<boolean> {
    const deleted = await this.#run(['EVAL', COMPARE_AND_DELETE, '1', this.#prefix + key, value]);
    return Number(deleted) === 1;
  }
}

function commandRunner(client: RedisClientLike): (args: string[]) => Promise<unknown> {
  if (typeof client !== 'object' || client === null) {
    throw new ConfigError('RedisCache', 'pass an ioredis or node-redis client');
  }
  // ioredis first: it has a `sendCommand` too, but one that takes a Command object.
  if ('call' in client && typeof client.call === 'function') {
    const io = client;
    return ([command, ...args]) => io.call(command as string, ...args);
  }
  if ('sendCommand' in client && typeof client.sendCommand === 'function') {
    const node = client;
    return (args) => node.sendCommand(args);
  }
  throw new ConfigError(
    'RedisCache',
    'pass an ioredis client (has call()) or a node-redis v4+ client (has sendCommand())',
  );
}

/** Redis refuses PX 0; a non-positive TTL means "expire at once", so 1 ms. */
function ttl(ttlMs: number): string {
  return String(Math.max(1, Math.ceil(ttlMs)));
}
