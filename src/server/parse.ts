import { ParseError } from '../errors.js';
import type { InboundMessage } from '../messages/inbound.js';
import { type Fields, parseJsonObject } from './json.js';
import { parseXmlFields } from './xml.js';

/** The data format of a push, sniffed from its body (never from Content-Type, DESIGN §7). */
export type PushFormat = 'xml' | 'json';

/** `xml` if the first non-whitespace character is `<`, `json` if `{` (SPEC §1.3), else undefined. */
export function sniffFormat(text: string): PushFormat | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3c) return 'xml';
    if (c === 0x7b) return 'json';
    // Whitespace and a UTF-8 byte order mark may precede the document.
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0xfeff) break;
  }
  return undefined;
}

/** Parses a push document of either format into its top-level fields (values as sent). */
export function parseDocument(raw: string): { format: PushFormat; fields: Fields } {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const format = sniffFormat(text);
  if (format === undefined) throw new ParseError('body is neither XML (<xml>…) nor JSON ({…})');
  return { format, fields: format === 'xml' ? parseXmlFields(text) : parseJsonObject(text) };
}

/**
 * Gives XML and JSON pushes one shape (DESIGN §1.3): `CreateTime` a number, `MsgId` a string.
 * Other values keep their wire form. Mutates and returns `fields`.
 */
export function normalizeMessage(fields: Fields): InboundMessage {
  const createTime = fields.CreateTime;
  if (typeof createTime === 'string' && /^\d{1,15}$/.test(createTime)) fields.CreateTime = Number(createTime);
  const msgId = fields.MsgId;
  if (typeof msgId === 'number' || typeof msgId === 'bigint') fields.MsgId = String(msgId);
  checkShape(fields);
  return fields as unknown as InboundMessage;
}

/** Fields the types promise as text; a repeated element (an array) or a number is malformed. */
const TEXT_FIELDS = [
  'ToUserName',
  'FromUserName',
  'MsgType',
  'MsgId',
  'Event',
  'EventKey',
  'Content',
  'PicUrl',
  'MediaId',
  'Title',
  'AppId',
  'PagePath',
  'ThumbUrl',
  'ThumbMediaId',
  'SessionFrom',
  'Url',
  'Description',
] as const;

/**
 * The handler's types must not lie (DESIGN §1.3): known text fields are strings, `CreateTime` is
 * whole seconds, and a message with a `MsgType` names its sender, account and time. Else 400.
 */
function checkShape(fields: Fields): void {
  for (const name of TEXT_FIELDS) {
    const value = fields[name];
    if (value !== undefined && typeof value !== 'string') {
      throw new ParseError(
        `${name} must be text, got ${Array.isArray(value) ? 'a repeated element' : typeof value}`,
      );
    }
  }
  const { CreateTime: createTime, MsgType: msgType } = fields;
  if (createTime !== undefined && !Number.isSafeInteger(createTime)) {
    throw new ParseError('CreateTime must be whole Unix seconds');
  }
  if (
    msgType !== undefined &&
    (createTime === undefined || !fields.FromUserName || fields.ToUserName === undefined)
  ) {
    throw new ParseError('a push needs ToUserName, FromUserName and CreateTime');
  }
}

/**
 * Parses a decrypted push (XML or JSON, sniffed) into an {@link InboundMessage}. Throws
 * {@link ParseError} for malformed documents, DOCTYPE/entities, or neither format.
 *
 * @example
 * const message = parseMessage(decryptMessage({ aesKey, receiveId: appId, encrypt }));
 * if (message.MsgType === 'text') console.log(message.Content);
 */
export function parseMessage(body: string | Uint8Array): InboundMessage {
  const text =
    typeof body === 'string'
      ? body
      : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return normalizeMessage(parseDocument(text).fields);
}
