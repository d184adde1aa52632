/**
 * A fast path for the push documents WeChat actually sends: `<xml>` holding flat elements whose
 * value is plain text or CDATA (DESIGN §1.7). It returns exactly what {@link parseXmlReference}
 * (fast-xml-parser) returns for such a document — a property test checks this on every fixture
 * and on generated documents — and `undefined` for anything else, which then takes the reference
 * parser: nesting, attributes, comments, entities, repeated names, a prolog, odd whitespace.
 */

const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';

/** Names fast-xml-parser renames or refuses (prototype pollution guards): leave them to it. */
const SPECIAL_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

/** The root's fields of a flat `<xml>` document, or `undefined` to use the reference parser. */
export function parseFlatXml(text: string): Record<string, string> | undefined {
  // fast-xml-parser normalises line ends (`\r\n` → `\n`); documents with CR take its path.
  if (text.includes('\r')) return undefined;
  let i = skipSpace(text, 0);
  if (!text.startsWith('<xml>', i)) return undefined;
  i += 5;
  const fields: Record<string, string> = Object.create(null);
  for (;;) {
    i = skipSpace(text, i);
    if (text.startsWith('</xml>', i)) {
      return skipSpace(text, i + 6) === text.length ? fields : undefined;
    }
    const element = readElement(text, i);
    if (element === undefined || element.name in fields) return undefined;
    fields[element.name] = element.value;
    i = element.end;
  }
}

interface Element {
  name: string;
  value: string;
  end: number;
}

/** `<Name>value</Name>` at `start`, value as plain text or one or more adjacent CDATA sections. */
function readElement(text: string, start: number): Element | undefined {
  if (text.charCodeAt(start) !== 0x3c) return undefined;
  const nameEnd = text.indexOf('>', start + 1);
  if (nameEnd === -1) return undefined;
  const name = text.slice(start + 1, nameEnd);
  if (!isPlainName(name) || SPECIAL_NAMES.has(name)) return undefined;
  const read = text.startsWith(CDATA_OPEN, nameEnd + 1)
    ? readCdata(text, nameEnd + 1)
    : readText(text, nameEnd + 1);
  if (read === undefined) return undefined;
  const close = `</${name}>`;
  if (!text.startsWith(close, read.end)) return undefined;
  return { name, value: read.value, end: read.end + close.length };
}

function readCdata(text: string, start: number): { value: string; end: number } | undefined {
  let value = '';
  let i = start;
  while (text.startsWith(CDATA_OPEN, i)) {
    const close = text.indexOf(CDATA_CLOSE, i + CDATA_OPEN.length);
    if (close === -1) return undefined;
    value += text.slice(i + CDATA_OPEN.length, close);
    i = close + CDATA_CLOSE.length;
  }
  return { value, end: i };
}

function readText(text: string, start: number): { value: string; end: number } | undefined {
  const end = text.indexOf('<', start);
  if (end === -1) return undefined;
  const raw = text.slice(start, end);
  // Entities and a stray `]]>` are the reference parser's business.
  if (raw.includes('&') || raw.includes(CDATA_CLOSE)) return undefined;
  return { value: raw.trim(), end };
}

/** ASCII XML names only: `[A-Za-z_][A-Za-z0-9_.-]*`. */
function isPlainName(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
    const other = i > 0 && ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e);
    if (!letter && !other) return false;
  }
  return true;
}

/** XML whitespace (space, tab, CR, LF). */
function skipSpace(text: string, start: number): number {
  let i = start;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return i;
    i++;
  }
}
