import type { AccountKind } from '../../options.js';
import { decryptMessage } from '../../server/crypto.js';
import { type PushFormat, parseDocument } from '../../server/parse.js';
import { isValidSignature } from '../../server/signature.js';
import type { PushMode } from './config-checks.js';
import { excerpt } from './http.js';

/** What the check needs to judge a passive reply. */
export interface ReplyContext {
  appId: string;
  kind: AccountKind;
  token: string;
  aesKey: string | undefined;
  mode: PushMode;
  format: PushFormat;
}

/** `undefined` for an acceptable reply, else what WeChat would object to. */
export interface ReplyVerdict {
  ok: boolean;
  detail: string;
  fix?: string;
}

const UNAVAILABLE = 'WeChat would show the user “该小程序客服暂时无法提供服务”';

/**
 * Judges the body of a 200 answer to a push the way WeChat does (SPEC §3): `success` or empty,
 * else a reply document in the push's format, encrypted in safe mode, that a mini program may
 * only use for `transfer_customer_service`.
 */
export function inspectReply(body: string, context: ReplyContext): ReplyVerdict {
  if (body === '' || body === 'success')
    return { ok: true, detail: `answered ${body === '' ? 'an empty body' : 'success'}` };
  let document: ReturnType<typeof parseDocument>;
  try {
    document = parseDocument(body);
  } catch {
    return {
      ok: false,
      detail: `answered ${excerpt(body)}, which is neither success nor a reply document; ${UNAVAILABLE}`,
      fix: 'answer the plain text success (or an empty body), and send messages through the API',
    };
  }
  if (document.format !== context.format) {
    return {
      ok: false,
      detail: `answered ${document.format.toUpperCase()} to ${context.format === 'xml' ? 'an XML' : 'a JSON'} push; ${UNAVAILABLE}`,
      fix: 'reply in the data format of the push (数据格式 in 消息推送配置)',
    };
  }
  const inner = unwrap(document.fields, context);
  if ('ok' in inner) return inner;
  return judgeMsgType(inner.msgType, context.kind);
}

function unwrap(fields: Record<string, unknown>, context: ReplyContext): ReplyVerdict | { msgType: unknown } {
  const encrypt = fields.Encrypt;
  if (typeof encrypt !== 'string') {
    if (context.mode === 'safe') {
      return {
        ok: false,
        detail: `answered a plaintext reply in safe mode; ${UNAVAILABLE}`,
        fix: 'encrypt replies in safe mode (this SDK does it for you)',
      };
    }
    return { msgType: fields.MsgType };
  }
  const signed = isValidSignature({
    token: context.token,
    timestamp: String(fields.TimeStamp ?? ''),
    nonce: String(fields.Nonce ?? ''),
    encrypt,
    signature: String(fields.MsgSignature ?? ''),
  });
  if (!signed || context.aesKey === undefined) {
    return {
      ok: false,
      detail: `the encrypted reply's MsgSignature does not verify; ${UNAVAILABLE}`,
      fix: 'sign replies with the same Token that WeChat uses',
    };
  }
  try {
    const plain = decryptMessage({ aesKey: context.aesKey, receiveId: context.appId, encrypt });
    return { msgType: parseDocument(plain).fields.MsgType };
  } catch {
    return {
      ok: false,
      detail: `the encrypted reply does not decrypt; ${UNAVAILABLE}`,
      fix: 'encrypt replies with the EncodingAESKey and AppID of this account',
    };
  }
}

function judgeMsgType(msgType: unknown, kind: AccountKind): ReplyVerdict {
  const type = typeof msgType === 'string' ? msgType : 'no MsgType';
  if (kind === 'miniprogram' && type !== 'transfer_customer_service') {
    return {
      ok: false,
      detail: `answered a ${type} reply; a mini program may reply only success or transfer_customer_service`,
      fix: 'send content through the customer-service API (this SDK does it when a handler returns a message)',
    };
  }
  return { ok: true, detail: `answered a ${type} reply` };
}
