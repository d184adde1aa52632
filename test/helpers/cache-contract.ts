import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import type { Cache } from '../../src/auth/cache.js';

/** The behaviour every Cache must have (DESIGN §3), run against each implementation. */
export function cacheContract(makeCache: () => Cache): void {
  const key = () => `contract:${randomUUID()}`;

  it('gets what was set, and nothing after delete', async () => {
    const cache = makeCache();
    const k = key();
    expect(await cache.get(k)).toBeUndefined();
    await cache.set(k, 'value with 中文', 10_000);
    expect(await cache.get(k)).toBe('value with 中文');
    await cache.delete(k);
    expect(await cache.get(k)).toBeUndefined();
  });

  it('adds only when absent', async () => {
    const cache = makeCache();
    const k = key();
    expect(await cache.add(k, 'first', 10_000)).toBe(true);
    expect(await cache.add(k, 'second', 10_000)).toBe(false);
    expect(await cache.get(k)).toBe('first');
  });

  it('lets exactly one of many concurrent adds win', async () => {
    const cache = makeCache();
    const k = key();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => cache.add(k, String(i), 10_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('expires entries after their TTL', async () => {
    const cache = makeCache();
    const k = key();
    await cache.set(k, 'v', 30);
    expect(await cache.add(`${k}:lock`, 'v', 30)).toBe(true);
    await sleep(120);
    expect(await cache.get(k)).toBeUndefined();
    expect(await cache.add(`${k}:lock`, 'again', 10_000)).toBe(true);
  });

  it('deletes only when the value still matches', async () => {
    const cache = makeCache();
    const k = key();
    await cache.set(k, 'mine', 10_000);
    expect(await cache.compareAndDelete(k, 'theirs')).toBe(false);
    expect(await cache.get(k)).toBe('mine');
    expect(await cache.compareAndDelete(k, 'mine')).toBe(true);
    expect(await cache.get(k)).toBeUndefined();
    expect(await cache.compareAndDelete(k, 'mine')).toBe(false);
  });
}
