// The pushes every implementation is fed, and the checks every reply must pass. One account, one
// user, text messages as WeChat sends them (SPEC §1.6): safe-mode XML and JSON, and plaintext XML.
import { randomBytes } from 'node:crypto';
import { decrypt, encrypt, sign } from './reference.mjs';

/** The account of every benchmark (values shaped like real ones; none is a real credential). */
export const ACCOUNT = Object.freeze({
  appId: 'wxb11529c136998cb6',
  secret: 'bench-app-secret-0123456789abcdef',
  token: 'benchToken2024',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  originalId: 'gh_97417a04a28d',
  openid: 'o9AgO5Kd5ggOC-bXrbNODIiE3bGY',
});

const CONTENT = '你好，我想咨询一下订单 #20240518 的物流进度，谢谢！';

/** A user text message in XML (SPEC §1.6), with a 64-bit MsgId above 2^53. */
export function textXml(createTime, msgId) {
  return (
    `<xml><ToUserName><![CDATA[${ACCOUNT.originalId}]]></ToUserName>` +
    `<FromUserName><![CDATA[${ACCOUNT.openid}]]></FromUserName>` +
    `<CreateTime>${createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[${CONTENT}]]></Content><MsgId>${msgId}</MsgId></xml>`
  );
}

/** The same message in JSON, MsgId unquoted as the docs print it (SPEC §1.5). */
export function textJson(createTime, msgId) {
  return (
    `{"ToUserName":"${ACCOUNT.originalId}","FromUserName":"${ACCOUNT.openid}","CreateTime":${createTime},` +
    `"MsgType":"text","Content":"${CONTENT}","MsgId":${msgId}}`
  );
}

/**
 * `count` distinct pushes (own MsgId and nonce each) of one kind, signed now.
 * @param {'safe-xml' | 'safe-json' | 'plain-xml'} kind
 * @returns {{ url: string, body: string }[]}
 */
export function makePushes(kind, count = 64, now = Date.now()) {
  const pushes = [];
  const timestamp = String(Math.floor(now / 1000));
  for (let i = 0; i < count; i++) {
    const nonce = String(1_000_000_000 + ((i * 7919 + now) % 999_999_999));
    const msgId = String(6054768590064713728n + BigInt(i) + BigInt(now));
    pushes.push(makePush(kind, timestamp, nonce, msgId));
  }
  return pushes;
}

/** One push of `kind` with these values (see {@link makePushes}). */
export function makePush(kind, timestamp, nonce, msgId) {
  const { token, aesKey, appId, openid, originalId } = ACCOUNT;
  const signature = sign([token, timestamp, nonce]);
  const base = `/wechat?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&openid=${openid}`;
  if (kind === 'plain-xml') return { url: base, body: textXml(timestamp, msgId) };
  const json = kind === 'safe-json';
  const message = json ? textJson(timestamp, msgId) : textXml(timestamp, msgId);
  const enc = encrypt(aesKey, message, appId, randomBytes(16));
  const url = `${base}&encrypt_type=aes&msg_signature=${sign([token, timestamp, nonce, enc])}`;
  const body = json
    ? `{"ToUserName":"${originalId}","Encrypt":"${enc}"}`
    : `<xml><ToUserName><![CDATA[${originalId}]]></ToUserName><Encrypt><![CDATA[${enc}]]></Encrypt></xml>`;
  return { url, body };
}

/** Text of element `name` in a flat XML document, CDATA or not; undefined when absent. */
export function xmlField(xml, name) {
  const match = new RegExp(`<${name}>\\s*(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*?))\\s*</${name}>`).exec(
    xml,
  );
  return match ? (match[1] ?? match[2]) : undefined;
}

/** Throws unless `message` (fields by name) is a transfer of our user's message (SPEC §3.1). */
function checkTransfer(field) {
  if (field('MsgType') !== 'transfer_customer_service') throw new Error(`MsgType is ${field('MsgType')}`);
  if (field('ToUserName') !== ACCOUNT.openid) throw new Error('ToUserName is not the user');
  if (field('FromUserName') !== ACCOUNT.originalId) throw new Error('FromUserName is not the account');
  if (!/^\d+$/.test(String(field('CreateTime')))) throw new Error('CreateTime is not an integer');
}

/** Decrypts and checks a safe-mode reply envelope (SPEC §2.5); `json` picks the format. */
function checkEnvelope(body, json) {
  const env = json ? JSON.parse(body) : undefined;
  const field = json ? (name) => env[name] : (name) => xmlField(body, name);
  const [enc, signature, timestamp, nonce] = ['Encrypt', 'MsgSignature', 'TimeStamp', 'Nonce'].map(field);
  if (!enc || !signature || timestamp === undefined || nonce === undefined)
    throw new Error('incomplete envelope');
  if (sign([ACCOUNT.token, String(timestamp), String(nonce), enc]) !== signature)
    throw new Error('bad MsgSignature');
  const { message, receiveId } = decrypt(ACCOUNT.aesKey, enc);
  if (receiveId !== ACCOUNT.appId) throw new Error(`receiveId ${receiveId}`);
  return message;
}

/**
 * The check for replies to pushes of `kind`: throws with the reason unless `{ status, body }` is
 * HTTP 200 carrying a correct transfer_customer_service reply, encrypted and signed where due.
 */
export function replyChecker(kind) {
  return (reply) => {
    if (reply.status !== 200) throw new Error(`status ${reply.status}: ${String(reply.body).slice(0, 120)}`);
    const body = String(reply.body);
    if (kind === 'plain-xml') return checkTransfer((name) => xmlField(body, name));
    const message = checkEnvelope(body, kind === 'safe-json');
    if (kind === 'safe-json') {
      const parsed = JSON.parse(message);
      return checkTransfer((name) => parsed[name]);
    }
    return checkTransfer((name) => xmlField(message, name));
  };
}
