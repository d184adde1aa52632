import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../../src/auth/cache.js';

describe('MemoryCache', () => {
  const manualClock = () => {
    let now = 1_000;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it('gets, sets and deletes', async () => {
    const cache = new MemoryCache();
    expect(await cache.get('k')).toBeUndefined();
    await cache.set('k', 'v', 1_000);
    expect(await cache.get('k')).toBe('v');
    await cache.delete('k');
    expect(await cache.get('k')).toBeUndefined();
  });

  it('adds only when absent, and again once the entry expired', async () => {
    const clock = manualClock();
    const cache = new MemoryCache({ clock: clock.now });
    expect(await cache.add('lock', 'a', 1_000)).toBe(true);
    expect(await cache.add('lock', 'b', 1_000)).toBe(false);
    expect(await cache.get('lock')).toBe('a');
    clock.advance(999);
    expect(await cache.add('lock', 'b', 1_000)).toBe(false);
    clock.advance(2);
    expect(await cache.add('lock', 'c', 1_000)).toBe(true);
    expect(await cache.get('lock')).toBe('c');
  });

  it('compares before deleting', async () => {
    const cache = new MemoryCache();
    await cache.set('token', 'old', 10_000);
    expect(await cache.compareAndDelete('token', 'other')).toBe(false);
    expect(await cache.get('token')).toBe('old');
    expect(await cache.compareAndDelete('token', 'old')).toBe(true);
    expect(await cache.get('token')).toBeUndefined();
  });

  it('evicts the least recently used entries beyond max', async () => {
    const cache = new MemoryCache({ max: 2 });
    await cache.set('a', '1', 10_000);
    await cache.set('b', '2', 10_000);
    await cache.get('a');
    await cache.set('c', '3', 10_000);
    expect(await cache.get('b')).toBeUndefined();
    expect(await cache.get('a')).toBe('1');
    expect(cache.size).toBe(2);
  });

  it('treats a zero TTL as already expiring, not as forever', async () => {
    const clock = manualClock();
    const cache = new MemoryCache({ clock: clock.now });
    await cache.set('k', 'v', 0);
    clock.advance(2);
    expect(await cache.get('k')).toBeUndefined();
  });
});

describe('MemoryCache memory', () => {
  it('allocates its index only when first used, so an Application that only sends pays nothing', async () => {
    const heap = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const before = heap();
    // 40 de-duplication stores of 100,000 entries: lru-cache would reserve ~4 MiB for each.
    const caches = Array.from({ length: 40 }, () => new MemoryCache({ max: 100_000 }));
    const idle = heap() - before;
    expect(idle).toBeLessThan(8 * 1024 * 1024);
    await caches[0]?.set('k', 'v', 1_000);
    expect(await caches[0]?.get('k')).toBe('v');
    expect(caches[1]?.size).toBe(0);
  });
});
