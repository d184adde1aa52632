import { describe, expect, it } from 'vitest';
import { Conversations } from '../../../src/simulator/api/conversations.js';
import { ApiFailure } from '../../../src/simulator/api/errcodes.js';

const HOUR = 3_600_000;

function errcode(action: () => void): number | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return error instanceof ApiFailure ? error.errcode : -999;
  }
}

describe('Conversations (SPEC §4.3)', () => {
  it('knows a user only after an action, per app', () => {
    const c = new Conversations();
    expect(c.knows('wxa', 'o1')).toBe(false);
    c.userEntered('wxa', 'o1', 0);
    expect(c.knows('wxa', 'o1')).toBe(true);
    expect(c.knows('wxb', 'o1')).toBe(false);
    expect(errcode(() => c.checkOpen('wxb', 'o1', 0))).toBe(45015);
  });

  it('keeps the longer window when a shorter action follows', () => {
    const c = new Conversations();
    c.userSent('wxa', 'o1', 0);
    c.userEntered('wxa', 'o1', HOUR);
    expect(errcode(() => c.checkOpen('wxa', 'o1', 47 * HOUR))).toBeUndefined();
    expect(errcode(() => c.checkOpen('wxa', 'o1', 48 * HOUR))).toBe(45015);
  });

  it('counts down to 45047 and records the last user message only for userSent', () => {
    const c = new Conversations();
    c.userEntered('wxa', 'o1', 5);
    expect(c.lastUserMessage('wxa', 'o1')).toBe(Number.NEGATIVE_INFINITY);
    c.consume('wxa', 'o1');
    c.consume('wxa', 'o1');
    expect(errcode(() => c.checkOpen('wxa', 'o1', 10))).toBe(45047);
    c.userSent('wxa', 'o1', 20);
    expect(c.lastUserMessage('wxa', 'o1')).toBe(20);
    expect(errcode(() => c.checkOpen('wxa', 'o1', 30))).toBeUndefined();
  });
});
