import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../../../src/simulator/api/errcodes.js';
import { ForceRefreshLimiter } from '../../../src/simulator/api/force-refresh.js';
import { TokenStore } from '../../../src/simulator/api/tokens.js';

function errcode(action: () => void): number | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return error instanceof ApiFailure ? error.errcode : -999;
  }
}

describe('TokenStore', () => {
  it('rotates a short-lived stable token at half its lifetime', () => {
    let now = 0;
    const store = new TokenStore(() => now, 60);
    const first = store.issueStable('wxa', false).access_token;
    now = 29_000;
    expect(store.issueStable('wxa', false)).toEqual({ access_token: first, expires_in: 31 });
    now = 30_000;
    expect(store.issueStable('wxa', false).access_token).not.toBe(first);
  });

  it('forgets tokens dead for a day (bounded memory) and then calls them unknown', () => {
    let now = 0;
    const store = new TokenStore(() => now, 60);
    const old = store.issueClassic('wxa').access_token;
    now = 60_000;
    expect(errcode(() => store.verify(old))).toBe(42001);
    now = 60_000 + 24 * 3_600_000 + 1;
    store.issueClassic('wxa');
    expect(errcode(() => store.verify(old))).toBe(40001);
  });

  it('counts only successful issues', () => {
    const store = new TokenStore(() => 0, 7200);
    store.issueClassic('wxa');
    store.issueStable('wxa', false);
    store.issueStable('wxa', false);
    expect(store.successes('wxa')).toBe(3);
    expect(store.successes('wxb')).toBe(0);
  });
});

describe('ForceRefreshLimiter', () => {
  it('resets the daily count at midnight Beijing time (16:00 UTC)', () => {
    const limiter = new ForceRefreshLimiter();
    const start = Date.UTC(2025, 0, 6, 0, 0, 0); // 08:00 in Beijing
    for (let i = 0; i < 20; i++) limiter.take('wxa', start + i * 30_000);
    const lastOfDay = Date.UTC(2025, 0, 6, 15, 59, 59);
    expect(errcode(() => limiter.take('wxa', lastOfDay))).toBe(45009);
    expect(errcode(() => limiter.take('wxa', Date.UTC(2025, 0, 6, 16, 0, 0)))).toBeUndefined();
    expect(errcode(() => limiter.take('wxb', lastOfDay))).toBeUndefined();
  });
});
