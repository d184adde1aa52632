import { randomUUID } from 'node:crypto';
import { TimeoutError } from '../errors.js';
import { sleep } from '../http/retry.js';
import type { Cache } from './cache.js';

export interface RefreshLockOptions {
  /** Lock lifetime: a process that dies while holding it blocks the others this long at most. */
  ttlMs: number;
  /** How often a waiting process re-reads the cache. */
  pollMs: number;
}

/**
 * Runs `refresh` in at most one process at a time (DESIGN §5). The classic `/cgi-bin/token`
 * invalidates the token other processes hold (SPEC §7.1), so they must not all refresh: one takes
 * the lock (`add` with an expiry), the others poll `reread` until the new token shows up, or the
 * lock expires and one of them takes over. Gives up after two lock lifetimes.
 */
export async function withRefreshLock<T>(
  cache: Cache,
  key: string,
  options: RefreshLockOptions,
  refresh: () => Promise<T>,
  reread: () => Promise<T | undefined>,
): Promise<T> {
  const started = performance.now();
  for (;;) {
    const owner = randomUUID();
    if (await cache.add(key, owner, options.ttlMs)) {
      try {
        // Someone may have refreshed between our cache miss and taking the lock.
        return (await reread()) ?? (await refresh());
      } finally {
        // Only our own lock: if it expired and another process took it, that one is left alone.
        // A failed release is harmless, the lock expires on its own.
        await cache.compareAndDelete(key, owner).catch(() => false);
      }
    }
    await sleep(options.pollMs);
    const found = await reread();
    if (found !== undefined) return found;
    if (performance.now() - started > 2 * options.ttlMs)
      throw new TimeoutError('/cgi-bin/token', 2 * options.ttlMs);
  }
}
