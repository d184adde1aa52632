import { ValidationError } from '../errors.js';
import { DEFAULT_TEXT_MAX_BYTES } from './text.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Cuts `content` into pieces of at most `maxBytes` UTF-8 bytes each, for consecutive `Text`
 * messages. Cuts at the last line break that fits (the break itself is dropped), else between
 * graphemes (an emoji ZWJ sequence or flag stays whole), else between code points; never inside a
 * surrogate pair. Empty pieces are left out.
 *
 * @example for (const part of splitText(longAnswer)) await app.customerService.message(part).to(openid).send();
 */
export function splitText(content: string, maxBytes: number = DEFAULT_TEXT_MAX_BYTES): string[] {
  if (typeof content !== 'string') throw new ValidationError('content', 'must be a string');
  if (!Number.isInteger(maxBytes) || maxBytes < 4) {
    throw new ValidationError('maxBytes', 'must be an integer ≥ 4 (one code point can take 4 UTF-8 bytes)');
  }
  const pieces: string[] = [];
  let rest = content;
  while (Buffer.byteLength(rest, 'utf8') > maxBytes) {
    const fit = longestPrefix(rest, maxBytes);
    const lineBreak = rest.lastIndexOf('\n', fit - 1);
    const [piece, next] =
      lineBreak > 0 ? [rest.slice(0, lineBreak), lineBreak + 1] : [rest.slice(0, fit), fit];
    if (piece !== '') pieces.push(piece);
    rest = rest.slice(next);
  }
  if (rest !== '') pieces.push(rest);
  return pieces;
}

/** Length (UTF-16 units) of the longest prefix of `text` within `maxBytes`, cut between graphemes. */
function longestPrefix(text: string, maxBytes: number): number {
  let end = 0;
  let bytes = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = Buffer.byteLength(segment, 'utf8');
    if (bytes + size > maxBytes) {
      // A grapheme bigger than the whole budget (long ZWJ run): fall back to code points.
      return end > 0 ? end : longestCodePointPrefix(text, maxBytes);
    }
    bytes += size;
    end += segment.length;
  }
  return end;
}

function longestCodePointPrefix(text: string, maxBytes: number): number {
  let end = 0;
  let bytes = 0;
  for (const codePoint of text) {
    const size = Buffer.byteLength(codePoint, 'utf8');
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += codePoint.length;
  }
  return end;
}
