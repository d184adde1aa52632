import type { MessageCipher } from './crypto.js';
import type { PushFormat } from './parse.js';
import { cdata, jsonString } from './reply-xml.js';

/** The signed parts of an encrypted reply (SPEC §2.5). */
export interface ReplyEnvelope {
  /** Base64 from {@link MessageCipher.encrypt}. */
  encrypt: string;
  /** 40 hex digits. */
  msgSignature: string;
  /** Unix seconds. */
  timeStamp: number;
  nonce: string;
}

/**
 * The encrypted reply envelope in the push's format, from a template (DESIGN §1.7). JSON keys
 * are PascalCase, `TimeStamp` a number and `Nonce` a string, as the official doc shows.
 */
export function envelope(format: PushFormat, parts: ReplyEnvelope): string {
  if (format === 'json') {
    return `{"Encrypt":"${parts.encrypt}","MsgSignature":"${parts.msgSignature}","TimeStamp":${parts.timeStamp},"Nonce":${jsonString(parts.nonce)}}`;
  }
  // Base64 and hex cannot hold `]]>`: only the nonce (from the URL) needs cdata()'s check.
  return (
    `<xml><Encrypt><![CDATA[${parts.encrypt}]]></Encrypt><MsgSignature><![CDATA[${parts.msgSignature}]]></MsgSignature>` +
    `<TimeStamp>${parts.timeStamp}</TimeStamp><Nonce>${cdata(parts.nonce)}</Nonce></xml>`
  );
}
