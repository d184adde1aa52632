import { describe, expect, it } from 'vitest';
import { Delays } from '../../../src/simulator/api/delays.js';

describe('Delays', () => {
  it('resolves true after the delay, false when cancelled first', async () => {
    const delays = new Delays();
    expect(await delays.wait(1)).toBe(true);
    const long = delays.wait(600_000);
    delays.cancelAll();
    expect(await long).toBe(false);
  });
});
