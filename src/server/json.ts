import { ParseError } from '../errors.js';

/** A parsed document: prototype-less objects, so no key (`__proto__`, `constructor`) is special. */
export type Fields = Record<string, unknown>;

const MAX_DEPTH = 32;
/** Sixteen digits in a row: the only case where an integer may exceed 2^53 (SPEC §1.5). */
const LONG_DIGITS = /\d{16}/;

/**
 * Parses a JSON push losslessly: integers beyond `Number.MAX_SAFE_INTEGER` (a 64-bit `MsgId`,
 * SPEC §1.5) become their decimal text instead of being rounded. Digits inside string values
 * (a `Content` of digits) are never touched. Throws {@link ParseError} unless the document is
 * an object.
 */
export function parseJsonObject(text: string): Fields {
  let value: unknown;
  try {
    value = JSON.parse(LONG_DIGITS.test(text) ? quoteUnsafeIntegers(text) : text);
  } catch {
    throw new ParseError('body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ParseError('JSON body must be an object');
  }
  return withoutPrototype(value, 0) as Fields;
}

/** Wraps each unsafe integer token outside strings in quotes; leaves everything else as is. */
export function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = skipString(text, i);
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const end = numberEnd(text, i);
      const token = text.slice(i, end);
      if (/^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token))) {
        out += `${text.slice(copied, i)}"${token}"`;
        copied = end;
      }
      i = end;
    } else {
      i++;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Index just past the closing quote of the string starting at `start` (or the text's end). */
function skipString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i += 2;
    else if (c === 0x22) return i + 1;
    else i++;
  }
  return i;
}

function numberEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && /[0-9eE.+-]/.test(text.charAt(i))) i++;
  return i;
}

/** Copies objects onto null prototypes (DESIGN §1.2) and bounds nesting. */
export function withoutPrototype(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) throw new ParseError(`document is nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) return value.map((item) => withoutPrototype(item, depth + 1));
  const copy: Fields = Object.create(null);
  for (const key of Object.keys(value)) {
    copy[key] = withoutPrototype((value as Fields)[key], depth + 1);
  }
  return copy;
}
