import { afterEach, describe, expect, it, vi } from 'vitest';
import { Deadlines, LATE } from '../../../src/server/deadline.js';
import { deferred } from './helpers.js';

describe('Deadlines', () => {
  afterEach(() => vi.useRealTimers());

  const deadlines = (ms = 4_500) => new Deadlines(ms, () => Date.now());

  it('gives the value when it comes first', async () => {
    vi.useFakeTimers();
    const result = deadlines().race(Promise.resolve('done'));
    await expect(result).resolves.toBe('done');
  });

  it('gives LATE when time runs out first; the work goes on', async () => {
    vi.useFakeTimers();
    const { promise, resolve } = deferred<string>();
    const result = deadlines().race(promise);
    await vi.advanceTimersByTimeAsync(4_499);
    let settled = false;
    void result.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toBe(LATE);
    resolve('later');
    await expect(promise).resolves.toBe('later');
  });

  it('expires each of many waiting pushes at its own deadline, with one timer', async () => {
    vi.useFakeTimers();
    const d = deadlines(100);
    const slow = [deferred<string>(), deferred<string>(), deferred<string>()];
    const first = d.race(slow[0]?.promise as Promise<string>);
    await vi.advanceTimersByTimeAsync(40);
    const fast = d.race(Promise.resolve('fast'));
    const second = d.race(slow[1]?.promise as Promise<string>);
    await vi.advanceTimersByTimeAsync(30);
    const third = d.race(slow[2]?.promise as Promise<string>);
    slow[2]?.resolve('third in time');
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(30); // t = 100: only the first is due
    await expect(first).resolves.toBe(LATE);
    await expect(fast).resolves.toBe('fast');
    await expect(third).resolves.toBe('third in time');
    let secondSettled = false;
    void second.then(() => {
      secondSettled = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(secondSettled).toBe(false);
    await vi.advanceTimersByTimeAsync(40); // t = 140: the second is due
    await expect(second).resolves.toBe(LATE);
    expect(vi.getTimerCount()).toBe(0);
  });
});
