// The two crypto-only libraries, `wechat-crypto` (node-webot's) and `@wecom/crypto` (Tencent
// WeCom's). They neither parse nor build messages, so each runs inside the floor's own indexOf
// extraction and reply template, with the floor's checks (timestamp within 300 s, `signature` and
// `msg_signature`, both compared in constant time), so they do the floor's work with their crypto:
// the row shows what their crypto costs against bare node:crypto. Both signatures come from the
// library: `signature` is its msg_signature over an empty body ('' sorts first and adds nothing).
import { createRequire } from 'node:module';
import { between, equal40, fresh, queryValue } from '../floor/push-floor.mjs';

const require = createRequire(import.meta.url);

/** The pipeline around `lib` = { signature(ts, nonce, enc), decrypt(enc) → { message, id }, encrypt(xml) }. */
function pipeline(account, lib) {
  return (url, body) => {
    const query = fresh(url);
    const enc = between(body, '<Encrypt><![CDATA[', ']]>');
    if (!query || !enc) return { status: 400, body: '' };
    const { timestamp, nonce } = query;
    if (
      !equal40(lib.signature(timestamp, nonce, ''), queryValue(url, 'signature')) ||
      !equal40(lib.signature(timestamp, nonce, enc), queryValue(url, 'msg_signature'))
    )
      return { status: 401, body: '' };
    const { message, id } = lib.decrypt(enc);
    if (id !== account.appId) return { status: 400, body: '' };
    const to = between(message, '<FromUserName><![CDATA[', ']]>');
    const from = between(message, '<ToUserName><![CDATA[', ']]>');
    const now = Math.floor(Date.now() / 1000);
    const reply = lib.encrypt(
      `<xml><ToUserName><![CDATA[${to}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${now}</CreateTime><MsgType><![CDATA[transfer_customer_service]]></MsgType></xml>`,
    );
    const signature = lib.signature(String(now), nonce, reply);
    return {
      status: 200,
      body: `<xml><Encrypt><![CDATA[${reply}]]></Encrypt><MsgSignature><![CDATA[${signature}]]></MsgSignature><TimeStamp>${now}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`,
    };
  };
}

/** Safe-mode XML pipeline on node-webot's `wechat-crypto` (WXBizMsgCrypt port). */
export function createWechatCrypto(account) {
  const WXBizMsgCrypt = require('wechat-crypto');
  const cryptor = new WXBizMsgCrypt(account.token, account.aesKey, account.appId);
  return pipeline(account, {
    signature: (ts, nonce, enc) => cryptor.getSignature(ts, nonce, enc),
    decrypt: (enc) => cryptor.decrypt(enc),
    encrypt: (xml) => cryptor.encrypt(xml),
  });
}

/** Safe-mode XML pipeline on `@wecom/crypto` (decodes the key on every call, as its API does). */
export function createWecomCrypto(account) {
  const wecom = require('@wecom/crypto');
  return pipeline(account, {
    signature: (ts, nonce, enc) => wecom.getSignature(account.token, ts, nonce, enc),
    decrypt: (enc) => wecom.decrypt(account.aesKey, enc),
    encrypt: (xml) => wecom.encrypt(account.aesKey, xml, account.appId),
  });
}
