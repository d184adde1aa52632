import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../src/auth/cache.js';
import { withRefreshLock } from '../../../src/auth/refresh-lock.js';
import { TimeoutError } from '../../../src/errors.js';

describe('withRefreshLock', () => {
  it('takes over when the lock holder died and its lock expired', async () => {
    const cache = new MemoryCache();
    await cache.add('lock', 'dead-process', 60);
    let refreshed = 0;
    const result = await withRefreshLock(
      cache,
      'lock',
      { ttlMs: 60, pollMs: 10 },
      async () => {
        refreshed++;
        return 'new';
      },
      async () => undefined,
    );
    expect(result).toBe('new');
    expect(refreshed).toBe(1);
  });

  it('returns what another process stored instead of refreshing', async () => {
    const cache = new MemoryCache();
    await cache.add('lock', 'other-process', 10_000);
    let stored: string | undefined;
    setTimeout(() => {
      stored = 'theirs';
    }, 30);
    const result = await withRefreshLock(
      cache,
      'lock',
      { ttlMs: 10_000, pollMs: 5 },
      async () => 'mine',
      async () => stored,
    );
    expect(result).toBe('theirs');
  });

  it('gives up with a TimeoutError after two lock lifetimes without a token', async () => {
    // A lock that someone else holds forever, and a token that never shows up.
    const cache = Object.assign(new MemoryCache(), { add: async () => false });
    const error = await withRefreshLock(
      cache,
      'lock',
      { ttlMs: 20, pollMs: 5 },
      async () => 'never',
      async () => undefined,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });
});
