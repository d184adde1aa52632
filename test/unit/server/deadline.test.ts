import { afterEach, describe, expect, it, vi } from 'vitest';
import { LATE, withDeadline } from '../../../src/server/deadline.js';
import { deferred } from './helpers.js';

describe('withDeadline', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the value when it comes first, and clears its timer', async () => {
    vi.useFakeTimers();
    const result = withDeadline(Promise.resolve('done'), 4_500);
    await expect(result).resolves.toBe('done');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives LATE when time runs out first; the work goes on', async () => {
    vi.useFakeTimers();
    const { promise, resolve } = deferred<string>();
    const result = withDeadline(promise, 4_500);
    await vi.advanceTimersByTimeAsync(4_500);
    await expect(result).resolves.toBe(LATE);
    resolve('later');
    await expect(promise).resolves.toBe('later');
  });
});
