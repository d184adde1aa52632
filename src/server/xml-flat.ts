import { startsAt } from './text.js';

/**
 * A fast path for the push documents WeChat actually sends: `<xml>` holding flat elements whose
 * value is plain text or CDATA (DESIGN §1.7). It returns exactly what {@link parseXmlReference}
 * (fast-xml-parser) returns for such a document — a property test checks this on every fixture
 * and on generated documents — and `undefined` for anything else, which then takes the reference
 * parser: nesting, attributes, comments, entities, repeated names, a prolog, odd whitespace.
 */

const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

/**
 * Field names of common pushes (SPEC §1.5–§1.7, §2.4). A key sliced out of the body must be
 * hashed and internalised on every property access; these literals already are, which makes the
 * fast path about twice as fast.
 */
const KNOWN_NAMES: readonly string[] = [
  'ToUserName',
  'FromUserName',
  'CreateTime',
  'MsgType',
  'Content',
  'MsgId',
  'Event',
  'EventKey',
  'SessionFrom',
  'PicUrl',
  'MediaId',
  'Title',
  'AppId',
  'PagePath',
  'ThumbUrl',
  'ThumbMediaId',
  'Encrypt',
  'debug_str',
];
const KNOWN_BY_LENGTH: readonly (readonly string[] | undefined)[] = KNOWN_NAMES.reduce<string[][]>(
  (table, name) => {
    const sameLength = table[name.length] ?? [];
    sameLength.push(name);
    table[name.length] = sameLength;
    return table;
  },
  [],
);

/**
 * Names fast-xml-parser renames or refuses (prototype pollution guards), and the members of
 * Object.prototype: leave them to the reference parser.
 */
const SPECIAL_NAMES: ReadonlySet<string> = new Set([
  'constructor',
  'prototype',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
]);

/** The root's fields of a flat `<xml>` document, or `undefined` to use the reference parser. */
export function parseFlatXml(text: string): Record<string, string> | undefined {
  // fast-xml-parser normalises line ends (`\r\n` → `\n`); documents with CR take its path.
  if (text.indexOf('\r') !== -1) return undefined;
  let i = skipSpace(text, 0);
  if (!startsAt(text, '<xml>', i)) return undefined;
  i += 5;
  // Filled as a plain object (fast properties), its prototype dropped at the end: cheaper than
  // Object.create(null), whose objects start in dictionary mode. Safe because names starting
  // with `_` (so `__proto__`) and Object.prototype's members never get here (isSpecial).
  const fields: Record<string, string> = {};
  for (;;) {
    i = skipSpace(text, i);
    if (text.charCodeAt(i) !== LT) return undefined;
    if (text.charCodeAt(i + 1) === SLASH) {
      const ends = startsAt(text, '</xml>', i) && skipSpace(text, i + 6) === text.length;
      return ends ? Object.setPrototypeOf(fields, null) : undefined;
    }
    const nameEnd = scanName(text, i + 1);
    if (nameEnd === -1) return undefined;
    const known = knownName(text, i + 1, nameEnd);
    const name = known ?? text.slice(i + 1, nameEnd);
    // The common names are never special: skip the check for them.
    if ((known === undefined && isSpecial(name)) || Object.hasOwn(fields, name)) return undefined;
    const value = startsAt(text, CDATA_OPEN, nameEnd + 1)
      ? readCdata(text, nameEnd + 1)
      : readText(text, nameEnd + 1);
    if (value === undefined) return undefined;
    const close = valueEnd;
    // `</name>`, compared in place rather than building the string.
    const closed =
      text.charCodeAt(close) === LT &&
      text.charCodeAt(close + 1) === SLASH &&
      startsAt(text, name, close + 2) &&
      text.charCodeAt(close + 2 + name.length) === GT;
    if (!closed) return undefined;
    fields[name] = value;
    i = close + 3 + name.length;
  }
}

/** Index of the `>` ending an ASCII name `[A-Za-z_][A-Za-z0-9_.-]*` at `start`, or -1. */
function scanName(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === GT) return i > start ? i : -1;
    const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
    const other = i > start && ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e);
    if (!letter && !other) return -1;
  }
  return -1;
}

/** The interned literal for the name at `start`…`end` if it is a common one. */
function knownName(text: string, start: number, end: number): string | undefined {
  const candidates = KNOWN_BY_LENGTH[end - start];
  if (candidates === undefined) return undefined;
  for (const candidate of candidates) if (startsAt(text, candidate, start)) return candidate;
  return undefined;
}

function isSpecial(name: string): boolean {
  return name.charCodeAt(0) === 0x5f || SPECIAL_NAMES.has(name);
}

/** Where the value read last ended: a variable rather than a `{ value, end }` object per field. */
let valueEnd = 0;

function readCdata(text: string, start: number): string | undefined {
  let value = '';
  let i = start;
  while (startsAt(text, CDATA_OPEN, i)) {
    const close = text.indexOf(CDATA_CLOSE, i + CDATA_OPEN.length);
    if (close === -1) return undefined;
    value += text.slice(i + CDATA_OPEN.length, close);
    i = close + CDATA_CLOSE.length;
  }
  valueEnd = i;
  return value;
}

function readText(text: string, start: number): string | undefined {
  const end = text.indexOf('<', start);
  if (end === -1) return undefined;
  const raw = text.slice(start, end);
  // Entities and a stray `]]>` are the reference parser's business.
  if (raw.indexOf('&') !== -1 || raw.indexOf(CDATA_CLOSE) !== -1) return undefined;
  valueEnd = end;
  return raw.trim();
}

/** XML whitespace (space, tab, LF; CR never gets here). */
function skipSpace(text: string, start: number): number {
  let i = start;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a) return i;
    i++;
  }
}
