import { describe, expect, it } from 'vitest';
import { Application, type InboundMessage, silentLogger } from '../../../src/index.js';
import { decryptMessage } from '../../../src/server/crypto.js';
import { isValidSignature } from '../../../src/server/signature.js';
import { buildPush, type PushInput } from '../../../src/simulator/user/push.js';

const APP_ID = 'wx1234567890abcdef';
const TOKEN = 'simToken123';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const OPENID = 'o_user_1';

function input(overrides: Partial<PushInput> = {}): PushInput {
  return {
    webhook: 'http://127.0.0.1:3000/wechat',
    format: 'xml',
    mode: 'plain',
    appId: APP_ID,
    token: TOKEN,
    aesKey: AES_KEY,
    openid: OPENID,
    fields: {
      ToUserName: 'gh_1234567890ab',
      FromUserName: OPENID,
      CreateTime: 1714112445,
      MsgType: 'text',
      Content: '你好',
    },
    timestamp: 1714112445,
    ...overrides,
  };
}

describe('buildPush', () => {
  it('sends the query parameters in WeChat order, with openid, and a valid signature', () => {
    const push = buildPush(input());
    const url = new URL(push.url);
    expect([...url.searchParams.keys()]).toEqual(['signature', 'timestamp', 'nonce', 'openid']);
    expect(url.searchParams.get('openid')).toBe(OPENID);
    expect(url.searchParams.get('timestamp')).toBe('1714112445');
    const query = (name: string): string => url.searchParams.get(name) ?? '';
    const [timestamp, nonce, signature] = [query('timestamp'), query('nonce'), query('signature')];
    expect(isValidSignature({ token: TOKEN, timestamp, nonce, signature })).toBe(true);
    expect(push.headers['content-type']).toBe('text/xml');
    expect(push.body).toContain('<Content><![CDATA[你好]]></Content>');
  });

  it('adds encrypt_type and msg_signature in safe mode and sends only ToUserName + Encrypt', () => {
    const push = buildPush(input({ mode: 'safe', format: 'json' }));
    const url = new URL(push.url);
    expect([...url.searchParams.keys()]).toEqual([
      'signature',
      'timestamp',
      'nonce',
      'openid',
      'encrypt_type',
      'msg_signature',
    ]);
    expect(url.searchParams.get('encrypt_type')).toBe('aes');
    const body = JSON.parse(push.body) as { ToUserName: string; Encrypt: string };
    expect(Object.keys(body)).toEqual(['ToUserName', 'Encrypt']);
    const plain = JSON.parse(decryptMessage({ aesKey: AES_KEY, receiveId: APP_ID, encrypt: body.Encrypt }));
    expect(plain).toMatchObject({ MsgType: 'text', Content: '你好', FromUserName: OPENID });
    const query = (name: string): string => url.searchParams.get(name) ?? '';
    const [timestamp, nonce, signature] = [query('timestamp'), query('nonce'), query('msg_signature')];
    expect(isValidSignature({ token: TOKEN, timestamp, nonce, encrypt: body.Encrypt, signature })).toBe(true);
  });

  it('keeps the plaintext fields beside Encrypt in compatible mode', () => {
    const push = buildPush(input({ mode: 'compatible' }));
    expect(push.body).toContain('<Content><![CDATA[你好]]></Content>');
    expect(push.body).toContain('<Encrypt>');
  });

  it('keeps a query the webhook URL already has', () => {
    const push = buildPush(input({ webhook: 'http://127.0.0.1:3000/wechat?tenant=7' }));
    const url = new URL(push.url);
    expect(url.searchParams.get('tenant')).toBe('7');
    expect(url.searchParams.get('openid')).toBe(OPENID);
  });

  it('is accepted by the SDK server in every format and mode', async () => {
    for (const format of ['xml', 'json'] as const) {
      for (const mode of ['plain', 'compatible', 'safe'] as const) {
        const seen: InboundMessage[] = [];
        const app = new Application({
          appId: APP_ID,
          token: TOKEN,
          aesKey: AES_KEY,
          logger: silentLogger,
          server: { requireEncryption: mode !== 'plain', maxClockSkew: false },
        });
        app.server.push((message) => {
          seen.push(message);
          return false;
        });
        const push = buildPush(input({ format, mode }));
        const url = new URL(push.url);
        const response = await app.server.serve({
          method: 'POST',
          url: `${url.pathname}${url.search}`,
          headers: push.headers,
          body: push.body,
        });
        expect({ format, mode, status: response.status, body: response.body }).toEqual({
          format,
          mode,
          status: 200,
          body: 'success',
        });
        expect(seen).toMatchObject([{ MsgType: 'text', Content: '你好', FromUserName: OPENID }]);
      }
    }
  });
});
