import type { PushFormat } from './parse.js';
import { startsAt } from './text.js';

/**
 * A fast path for the fixed-shape envelope of a safe-mode push (SPEC §2.4, DESIGN §1.7):
 *
 *     <xml><ToUserName><![CDATA[…]]></ToUserName><Encrypt><![CDATA[…]]></Encrypt></xml>
 *     {"ToUserName":"…","Encrypt":"…"}
 *
 * XML in that order with optional whitespace between the elements (as WeChat's docs show it);
 * JSON with exactly these two string fields. It returns exactly the fields the reference parsers
 * (`parseDocument`) give for such a document — a property test checks this — and `undefined` for
 * anything else, which then takes the parsers: another field (`AppId` envelopes), another order
 * in XML, a CDATA split by `]]>`, a CR, leading whitespace or a BOM.
 */
export interface Envelope {
  readonly format: PushFormat;
  readonly ToUserName: string;
  readonly Encrypt: string;
}

const XML_HEAD = '<xml>';
const XML_TO = '<ToUserName><![CDATA[';
const XML_TO_END = ']]></ToUserName>';
const XML_ENCRYPT = '<Encrypt><![CDATA[';
const XML_ENCRYPT_END = ']]></Encrypt>';
const XML_TAIL = '</xml>';
const CDATA_CLOSE = ']]>';

/** The envelope's two fields, or `undefined` to take the reference parsers. */
export function readEnvelope(text: string): Envelope | undefined {
  const first = text.charCodeAt(0);
  if (first === 0x3c) return readXmlEnvelope(text);
  if (first === 0x7b) return readJsonEnvelope(text);
  return undefined;
}

function readXmlEnvelope(text: string): Envelope | undefined {
  // fast-xml-parser normalises line ends (`\r\n` → `\n`) even inside CDATA: leave CRs to it.
  if (!startsAt(text, XML_HEAD, 0) || text.indexOf('\r') !== -1) return undefined;
  let i = skipSpace(text, XML_HEAD.length);
  if (!startsAt(text, XML_TO, i)) return undefined;
  const toStart = i + XML_TO.length;
  // The value ends at the first `]]>`, which must close the element: no split CDATA sections.
  const toEnd = text.indexOf(CDATA_CLOSE, toStart);
  if (toEnd === -1 || !startsAt(text, XML_TO_END, toEnd)) return undefined;
  i = skipSpace(text, toEnd + XML_TO_END.length);
  if (!startsAt(text, XML_ENCRYPT, i)) return undefined;
  const encryptStart = i + XML_ENCRYPT.length;
  const encryptEnd = text.indexOf(CDATA_CLOSE, encryptStart);
  if (encryptEnd === -1 || !startsAt(text, XML_ENCRYPT_END, encryptEnd)) return undefined;
  i = skipSpace(text, encryptEnd + XML_ENCRYPT_END.length);
  if (!startsAt(text, XML_TAIL, i) || skipSpace(text, i + XML_TAIL.length) !== text.length) return undefined;
  return {
    format: 'xml',
    ToUserName: text.slice(toStart, toEnd),
    Encrypt: text.slice(encryptStart, encryptEnd),
  };
}

/**
 * JSON.parse itself is the cheapest exact reader here (~0.5 µs, a native scan). With exactly two
 * string fields the reference parser's extra steps change nothing: no number to keep lossless,
 * no nested object; only its null prototype differs, and {@link Envelope} is read by name.
 */
function readJsonEnvelope(text: string): Envelope | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined; // the reference parser reports it
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { ToUserName, Encrypt } = value as Record<string, unknown>;
  if (typeof ToUserName !== 'string' || typeof Encrypt !== 'string') return undefined;
  let fields = 0;
  for (const _ in value) fields++;
  return fields === 2 ? { format: 'json', ToUserName, Encrypt } : undefined;
}

/** XML whitespace (space, tab, LF; CR never reaches here). */
function skipSpace(text: string, start: number): number {
  let i = start;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a) return i;
    i++;
  }
}
