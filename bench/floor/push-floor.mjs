// The floor: the least work that still handles a push correctly and safely, on bare node:crypto.
// Fields are found with indexOf (no parser), the key is decoded once, random bytes come from a
// pool, the reply is a template. No real SDK can do less, so its cost per push is the yardstick
// every other row is divided by (DESIGN §1.7).
import { createCipheriv, createDecipheriv, createHash, hash, randomFillSync } from 'node:crypto';

// crypto.hash (Node ≥ 20.12) skips the Hash object; fall back where it is missing.
const sha1 =
  typeof hash === 'function'
    ? (s) => hash('sha1', s, 'hex')
    : (s) => createHash('sha1').update(s).digest('hex');

/** Value of `key` in the query of `url`, found by indexOf (WeChat's values need no decoding). */
export function queryValue(url, key) {
  let at = url.indexOf(`?${key}=`);
  if (at === -1) at = url.indexOf(`&${key}=`);
  if (at === -1) return undefined;
  const start = at + key.length + 2;
  const end = url.indexOf('&', start);
  return end === -1 ? url.slice(start) : url.slice(start, end);
}

/** Text between `open` and the next `close` in `s`, or undefined. */
export function between(s, open, close) {
  const at = s.indexOf(open);
  if (at === -1) return undefined;
  const start = at + open.length;
  const end = s.indexOf(close, start);
  return end === -1 ? undefined : s.slice(start, end);
}

/** Constant-time comparison of two signatures (40 hex characters). */
export function equal40(a, b) {
  if (typeof b !== 'string' || a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** `{ timestamp, nonce }` of a push whose timestamp is within 300 s of the clock, else undefined. */
export function fresh(url) {
  const timestamp = queryValue(url, 'timestamp');
  const nonce = queryValue(url, 'nonce');
  if (!timestamp || !nonce || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return undefined;
  return { timestamp, nonce };
}

const DENIED = Object.freeze({ status: 401, body: 'invalid signature' });
const BAD = Object.freeze({ status: 400, body: 'bad request' });

/**
 * Floor handlers for one account: `safeXml`, `safeJson`, `plainXml`, each `(url, body) → { status, body }`
 * answering a text push with transfer_customer_service (SPEC §3.1) in the push's format and mode.
 */
export function createFloor({ token, aesKey, appId }) {
  const key = Buffer.from(`${aesKey}=`, 'base64');
  const iv = key.subarray(0, 16);
  const receiveId = Buffer.from(appId);
  const pool = Buffer.allocUnsafe(4096);
  let poolAt = pool.length;

  function open(enc) {
    const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(enc, 'base64'), decipher.final()]);
    const pad = plain[plain.length - 1];
    if (!(pad >= 1 && pad <= 32)) return undefined;
    const end = plain.length - pad;
    const length = plain.readUInt32BE(16);
    if (20 + length > end || plain.compare(receiveId, 0, receiveId.length, 20 + length, end) !== 0)
      return undefined;
    return plain.toString('utf8', 20, 20 + length);
  }

  function seal(message) {
    const bytes = Buffer.byteLength(message);
    const length = 20 + bytes + receiveId.length;
    const pad = 32 - (length % 32);
    const plain = Buffer.allocUnsafe(length + pad);
    if (poolAt + 16 > pool.length) {
      randomFillSync(pool);
      poolAt = 0;
    }
    pool.copy(plain, 0, poolAt, poolAt + 16);
    poolAt += 16;
    plain.writeUInt32BE(bytes, 16);
    plain.write(message, 20);
    receiveId.copy(plain, 20 + bytes);
    plain.fill(pad, length);
    const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
  }

  function safe(url, body, encOpen, encClose, field, render, envelope) {
    const query = fresh(url);
    const enc = between(body, encOpen, encClose);
    if (!query || !enc) return BAD;
    // Both signatures, as DESIGN §1.2 asks: `signature` always, `msg_signature` over the body.
    if (
      !equal40(sha1([token, query.timestamp, query.nonce].sort().join('')), queryValue(url, 'signature')) ||
      !equal40(
        sha1([token, query.timestamp, query.nonce, enc].sort().join('')),
        queryValue(url, 'msg_signature'),
      )
    ) {
      return DENIED;
    }
    const message = open(enc);
    if (message === undefined) return BAD;
    const reply = seal(render(field(message, 'FromUserName'), field(message, 'ToUserName')));
    const now = String(Math.floor(Date.now() / 1000));
    const signature = sha1([token, now, query.nonce, reply].sort().join(''));
    return { status: 200, body: envelope(reply, signature, now, query.nonce) };
  }

  const xmlField = (xml, name) => between(xml, `<${name}><![CDATA[`, ']]>');
  const jsonField = (json, name) => between(json, `"${name}":"`, '"');
  const xmlTransfer = (to, from) =>
    `<xml><ToUserName><![CDATA[${to}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[transfer_customer_service]]></MsgType></xml>`;
  const jsonTransfer = (to, from) =>
    `{"ToUserName":"${to}","FromUserName":"${from}","CreateTime":${Math.floor(Date.now() / 1000)},"MsgType":"transfer_customer_service"}`;

  return {
    safeXml: (url, body) =>
      safe(
        url,
        body,
        '<Encrypt><![CDATA[',
        ']]>',
        xmlField,
        xmlTransfer,
        (e, s, t, n) =>
          `<xml><Encrypt><![CDATA[${e}]]></Encrypt><MsgSignature><![CDATA[${s}]]></MsgSignature><TimeStamp>${t}</TimeStamp><Nonce><![CDATA[${n}]]></Nonce></xml>`,
      ),
    safeJson: (url, body) =>
      safe(
        url,
        body,
        '"Encrypt":"',
        '"',
        jsonField,
        jsonTransfer,
        (e, s, t, n) => `{"Encrypt":"${e}","MsgSignature":"${s}","TimeStamp":${t},"Nonce":"${n}"}`,
      ),
    plainXml(url, body) {
      const query = fresh(url);
      if (!query) return BAD;
      if (
        !equal40(sha1([token, query.timestamp, query.nonce].sort().join('')), queryValue(url, 'signature'))
      ) {
        return DENIED;
      }
      return { status: 200, body: xmlTransfer(xmlField(body, 'FromUserName'), xmlField(body, 'ToUserName')) };
    },
  };
}
