/**
 * `wechat-customer-service/testing`: signed (and encrypted) requests for `server.serve()`, so
 * you can test your own handlers without WeChat (DESIGN §7).
 */
import { randomInt } from 'node:crypto';
import { MessageCipher } from '../server/crypto.js';
import type { ServeRequest } from '../server/http.js';
import { computeSignature } from '../server/signature.js';
import { type TestFields, toJson, toXml } from './serialize.js';

export type { TestFields } from './serialize.js';

/** A request for `server.serve()` (a {@link ServeRequest}), or for `fetch(baseUrl + url, …)`. */
export interface TestRequest extends ServeRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** How the push is secured (消息加解密方式, SPEC §1.4). */
export type TestPushMode = 'plain' | 'compatible' | 'safe';

export interface TestPushOptions {
  /** The AppID; also the receiveId inside the ciphertext unless `receiveId` is given. */
  appId: string;
  token: string;
  /** Needed for `compatible` and `safe`. */
  aesKey?: string;
  /**
   * The push's fields. `ToUserName`, `FromUserName`, `CreateTime` and (for non-events) `MsgId`
   * are filled in when absent.
   */
  message: TestFields;
  /** @default 'xml' */
  format?: 'xml' | 'json';
  /** @default 'safe' with an aesKey, else 'plain' */
  mode?: TestPushMode;
  /** @default appId */
  receiveId?: string;
  /** Unix seconds. @default now */
  timestamp?: number;
  /** @default random digits */
  nonce?: string;
  /** The path the push is posted to. @default '/' */
  path?: string;
}

/**
 * A push exactly as WeChat would POST it: signed query, body in `format`, encrypted in
 * `compatible`/`safe` mode. Feed it to `server.serve()`.
 *
 * @example
 * const request = createTestPush({ appId, token, aesKey, message: { MsgType: 'text', Content: '你好' } });
 * const response = await app.server.serve(request); // { status: 200, body: 'success', … }
 */
export function createTestPush(options: TestPushOptions): TestRequest & { method: 'POST'; body: string } {
  const format = options.format ?? 'xml';
  const mode = options.mode ?? (options.aesKey === undefined ? 'plain' : 'safe');
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? String(randomInt(1_000_000_000, 9_999_999_999));
  const fields = withDefaults(options.message, Number(timestamp));
  const serialize = format === 'xml' ? toXml : toJson;
  const plain = serialize(fields);
  const query = new URLSearchParams({
    signature: computeSignature([options.token, timestamp, nonce]),
    timestamp,
    nonce,
  });
  let body = plain;
  if (mode !== 'plain') {
    if (options.aesKey === undefined) throw new TypeError(`createTestPush: mode '${mode}' needs an aesKey`);
    const encrypt = new MessageCipher(options.aesKey, options.receiveId ?? options.appId).encrypt(plain);
    const envelope =
      mode === 'safe' ? { ToUserName: fields.ToUserName, Encrypt: encrypt } : { ...fields, Encrypt: encrypt };
    body = serialize(envelope);
    query.set('encrypt_type', 'aes');
    query.set('msg_signature', computeSignature([options.token, timestamp, nonce, encrypt]));
  }
  const contentType = format === 'xml' ? 'text/xml' : 'application/json';
  return {
    method: 'POST',
    url: `${options.path ?? '/'}?${query}`,
    headers: { 'content-type': contentType },
    body,
  };
}

/**
 * The GET URL verification WeChat sends when you save 消息推送配置 (SPEC §1.2).
 *
 * @example
 * const response = await app.server.serve(createTestVerification({ token, echostr: '123' })); // body '123'
 */
export function createTestVerification(options: {
  token: string;
  echostr: string;
  timestamp?: number;
  nonce?: string;
  path?: string;
}): TestRequest & { method: 'GET' } {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = options.nonce ?? String(randomInt(1_000_000_000, 9_999_999_999));
  const signature = computeSignature([options.token, timestamp, nonce]);
  const query = new URLSearchParams({ signature, echostr: options.echostr, timestamp, nonce });
  return { method: 'GET', url: `${options.path ?? '/'}?${query}`, headers: {} };
}

function withDefaults(message: TestFields, timestamp: number): TestFields {
  const isEvent = message.MsgType === 'event';
  return {
    ToUserName: 'gh_0123456789ab',
    FromUserName: 'o_test_user_openid',
    CreateTime: timestamp,
    ...message,
    ...(isEvent || message.MsgId !== undefined ? {} : { MsgId: String(randomInt(1, 2 ** 47) * 65_536) }),
  };
}
