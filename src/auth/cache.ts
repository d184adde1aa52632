import { LRUCache } from 'lru-cache';

/**
 * Storage for access tokens, refresh locks and push de-duplication (DESIGN §3). All methods are
 * async so a shared store (Redis, see `wechat-customer-service/redis`) fits; every TTL is in
 * milliseconds. Keys come unprefixed (`access-token:<appId>`, `push:<appId>:…`): a store shared
 * with other data namespaces them, as RedisCache does with its `prefix`.
 */
export interface Cache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Sets `key` only if it is absent; `true` if this call set it (locks, de-duplication). */
  add(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes `key` only if it still holds `value`; `true` if it did (release a lock, expire a token). */
  compareAndDelete(key: string, value: string): Promise<boolean>;
}

export interface MemoryCacheOptions {
  /**
   * Most entries kept; the least recently used go first.
   * @default 10_000
   */
  max?: number;
  /**
   * Current time in ms, for expiry. Pass the Application's `clock` so TTLs follow it in tests.
   * @default performance.now
   */
  clock?: () => number;
}

/** An in-process {@link Cache} on lru-cache. Good for one process; use RedisCache for several. */
export class MemoryCache implements Cache {
  readonly #options: MemoryCacheOptions;
  #lru: LRUCache<string, string> | undefined;

  constructor(options: MemoryCacheOptions = {}) {
    this.#options = options;
  }

  /**
   * Made on first use: lru-cache allocates its index for `max` entries up front (~4 MiB for the
   * de-duplication store's 100,000), which an Application that only sends never needs.
   */
  get #store(): LRUCache<string, string> {
    if (this.#lru === undefined) {
      const { clock, max = 10_000 } = this.#options;
      this.#lru = new LRUCache<string, string>({
        max,
        ttlAutopurge: false,
        // An injected clock is read on every check; lru-cache's default caches `now` for 1 ms.
        ...(clock ? { perf: { now: clock }, ttlResolution: 0 } : {}),
      });
    }
    return this.#lru;
  }

  async get(key: string): Promise<string | undefined> {
    return this.#store.get(key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.#store.set(key, value, { ttl: positive(ttlMs) });
  }

  async delete(key: string): Promise<void> {
    this.#store.delete(key);
  }

  async add(key: string, value: string, ttlMs: number): Promise<boolean> {
    // lru-cache's `has` honours TTLs, so an expired entry counts as absent.
    if (this.#store.has(key)) return false;
    this.#store.set(key, value, { ttl: positive(ttlMs) });
    return true;
  }

  async compareAndDelete(key: string, value: string): Promise<boolean> {
    if (this.#store.get(key) !== value) return false;
    this.#store.delete(key);
    return true;
  }

  /** Entries currently held (expired ones may linger until touched). */
  get size(): number {
    return this.#lru?.size ?? 0;
  }
}

/** lru-cache treats ttl 0 as "forever"; a non-positive TTL here means "already expired". */
function positive(ttlMs: number): number {
  return Math.max(1, Math.floor(ttlMs));
}
