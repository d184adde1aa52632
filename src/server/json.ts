import { ParseError } from '../errors.js';

/** A parsed document: prototype-less objects, so no key (`__proto__`, `constructor`) is special. */
export type Fields = Record<string, unknown>;

const MAX_DEPTH = 32;
/** Sixteen digits in a row: the only case where an integer may exceed 2^53 (SPEC §1.5). */
const LONG_DIGITS = /\d{16}/;
const MSG_ID_KEY = '"MsgId":';

/**
 * Parses a JSON push losslessly: integers beyond `Number.MAX_SAFE_INTEGER` (a 64-bit `MsgId`,
 * SPEC §1.5) become their decimal text instead of being rounded. Digits inside string values
 * (a `Content` of digits) are never touched. Throws {@link ParseError} unless the document is
 * an object.
 *
 * Every message push carries a 64-bit `MsgId`, so that one is quoted where it stands; the walk
 * that drops prototypes then checks that no other number lost precision, and only a document
 * where one did (rare: WeChat sends no other such field) pays for the scan of the whole text.
 */
export function parseJsonObject(text: string): Fields {
  const state = { lossy: false };
  const fields = parseWith(quoteMsgId(text), state);
  if (!state.lossy) return fields;
  state.lossy = false;
  return parseWith(LONG_DIGITS.test(text) ? quoteUnsafeIntegers(text) : text, state);
}

function parseWith(text: string, state: { lossy: boolean }): Fields {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ParseError('body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ParseError('JSON body must be an object');
  }
  return dropPrototypes(value, 0, state) as Fields;
}

/**
 * `text` with the value of its `"MsgId":` key quoted if it is an unsafe integer. The key is
 * found with `indexOf`: inside a string its quotes would be escaped (`\"MsgId\":`), so an
 * unescaped match is a key (or the text is not JSON, which JSON.parse then says).
 */
function quoteMsgId(text: string): string {
  const at = text.indexOf(MSG_ID_KEY);
  if (at === -1 || text.charCodeAt(at - 1) === BACKSLASH) return text;
  let start = at + MSG_ID_KEY.length;
  while (text.charCodeAt(start) === 0x20) start++;
  const end = numberEnd(text, start);
  if (
    end - start < 16 ||
    !isInteger(text, start, end) ||
    Number.isSafeInteger(Number(text.slice(start, end)))
  ) {
    return text;
  }
  return `${text.slice(0, start)}"${text.slice(start, end)}"${text.slice(end)}`;
}

/** Wraps each unsafe integer token outside strings in quotes; leaves everything else as is. */
export function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = skipString(text, i);
    } else if (c === MINUS || isDigit(c)) {
      const end = numberEnd(text, i);
      // Only 16+ digits can pass 2^53; only integers (no `.`/`e`) are ids.
      if (end - i >= 16 && isInteger(text, i, end) && !Number.isSafeInteger(Number(text.slice(i, end)))) {
        out += `${text.slice(copied, i)}"${text.slice(i, end)}"`;
        copied = end;
      }
      i = end;
    } else {
      i++;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Index just past the closing quote of the string starting at `start` (or the text's end). */
function skipString(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

/** End of the number token at `start`: digits, sign, `.`, `e`/`E`. */
function numberEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const c = text.charCodeAt(i);
    if (!(isDigit(c) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === MINUS)) return i;
    i++;
  }
}

function isInteger(text: string, start: number, end: number): boolean {
  for (let i = text.charCodeAt(start) === MINUS ? start + 1 : start; i < end; i++) {
    if (!isDigit(text.charCodeAt(i))) return false;
  }
  return end > start + 1 || isDigit(text.charCodeAt(start));
}

/**
 * Drops the prototype of every object of a fresh `JSON.parse` result in place (DESIGN §1.2:
 * parsed objects have no prototype; keys such as `__proto__` are ordinary own properties), bounds
 * nesting, and notes in `state.lossy` an integer JSON.parse could not hold exactly. Cheaper than
 * copying onto `Object.create(null)`.
 */
function dropPrototypes(value: unknown, depth: number, state: { lossy: boolean }): unknown {
  if (typeof value !== 'object' || value === null) {
    if (typeof value === 'number' && !Number.isSafeInteger(value) && Number.isInteger(value))
      state.lossy = true;
    return value;
  }
  if (depth > MAX_DEPTH) throw new ParseError(`document is nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) {
    for (const item of value) dropPrototypes(item, depth + 1, state);
    return value;
  }
  for (const key of Object.keys(value)) dropPrototypes((value as Fields)[key], depth + 1, state);
  return Object.setPrototypeOf(value, null);
}

/** Copies objects onto null prototypes and bounds nesting (for objects we did not create). */
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
