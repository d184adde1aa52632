import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitText, Text } from '../../../src/messages/index.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('splitText', () => {
  it('returns short text whole, and nothing for empty text', () => {
    expect(splitText('你好')).toEqual(['你好']);
    expect(splitText('')).toEqual([]);
  });

  it('cuts at the last line break that fits and drops it', () => {
    expect(splitText('aaaa\nbbbb\ncccc', 10)).toEqual(['aaaa\nbbbb', 'cccc']);
  });

  it('cuts a long line between graphemes: a family emoji stays whole', () => {
    const family = '👨‍👩‍👧'; // 18 bytes, one grapheme
    expect(splitText(`ab${family}cd`, 19)).toEqual(['ab', `${family}c`, 'd']);
  });

  it('falls back to code points for a grapheme larger than the budget', () => {
    const family = '👨‍👩‍👧';
    const pieces = splitText(family, 8);
    expect(pieces.join('')).toBe(family);
    for (const piece of pieces) expect(bytes(piece)).toBeLessThanOrEqual(8);
  });

  it('refuses a budget that cannot hold one code point', () => {
    expect(() => splitText('abc', 3)).toThrow(/maxBytes/);
  });

  it('produces pieces that each make a valid Text and lose nothing but the cut line breaks', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', '汉', '😀', '\n', '👨‍👩‍👧', ' ', 'é') as never,
      maxLength: 400,
    });
    fc.assert(
      fc.property(text, fc.integer({ min: 4, max: 64 }), (content, maxBytes) => {
        const pieces = splitText(content, maxBytes);
        for (const piece of pieces) {
          expect(piece.length).toBeGreaterThan(0);
          expect(bytes(piece)).toBeLessThanOrEqual(maxBytes);
          expect(() => new Text(piece, { maxBytes })).not.toThrow();
        }
        // Removing every line break on both sides: what is left is exactly the same characters.
        expect(pieces.join('').replaceAll('\n', '')).toBe(content.replaceAll('\n', ''));
      }),
      { numRuns: 300 },
    );
  });
});
