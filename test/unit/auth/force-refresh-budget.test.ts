import { describe, expect, it } from 'vitest';
import { ForceRefreshBudget } from '../../../src/auth/force-refresh-budget.js';
import { ClockedCache, manualClock } from './helpers.js';

describe('ForceRefreshBudget', () => {
  it('allows one forced refresh per 30 s and 20 per Beijing day, shared through the Cache', async () => {
    // 2025-01-01 15:00 UTC = 23:00 in Beijing: an hour before the daily reset.
    const clock = manualClock(Date.UTC(2025, 0, 1, 15));
    const cache = new ClockedCache(clock);
    const one = new ForceRefreshBudget(cache, 'wx1', clock);
    const two = new ForceRefreshBudget(cache, 'wx1', clock);
    const otherApp = new ForceRefreshBudget(cache, 'wx2', clock);
    expect(await one.take()).toBe(true);
    expect(await two.take()).toBe(false);
    expect(await otherApp.take()).toBe(true);
    clock.advance(29_999);
    expect(await two.take()).toBe(false);
    clock.advance(2);
    expect(await two.take()).toBe(true);
    for (let i = 2; i < 20; i++) {
      clock.advance(30_001);
      expect(await (i % 2 ? one : two).take()).toBe(true);
    }
    clock.advance(30_001);
    expect(await one.take()).toBe(false);
    clock.advance(3_600_000); // past midnight in Beijing: a new day's budget
    expect(await one.take()).toBe(true);
  });

  it('counts explicit forced refreshes against the gap', async () => {
    const clock = manualClock();
    const budget = new ForceRefreshBudget(new ClockedCache(clock), 'wx1', clock);
    await budget.record();
    expect(await budget.take()).toBe(false);
  });
});
