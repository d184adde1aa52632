import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startsAt } from '../../../src/server/text.js';

describe('startsAt', () => {
  it('is String.prototype.startsWith at a position', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    fc.assert(
      fc.property(text, text, fc.integer({ min: -3, max: 15 }), (haystack, literal, at) => {
        // Inside the text it is startsWith; outside it, false (startsWith would clamp `at`).
        const inside = at >= 0 && at <= haystack.length;
        expect(startsAt(haystack, literal, at)).toBe(inside && haystack.startsWith(literal, at));
      }),
      { numRuns: 3000 },
    );
    expect(startsAt('<xml><A>', '<A>', 5)).toBe(true);
    expect(startsAt('<xml>', '<xml>x', 0)).toBe(false);
  });
});
