export type { Cache } from '../auth/cache.js';
export {
  type IoRedisLike,
  type NodeRedisLike,
  RedisCache,
  type RedisCacheOptions,
  type RedisClientLike,
} from './redis-cache.js';
