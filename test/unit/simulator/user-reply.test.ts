import { describe, expect, it } from 'vitest';
import { encryptMessage } from '../../../src/server/crypto.js';
import { computeSignature } from '../../../src/server/signature.js';
import { passiveAsMessage } from '../../../src/simulator/user/passive.js';
import { checkReply, type ReplyContext } from '../../../src/simulator/user/reply-check.js';

const APP_ID = 'wx1234567890abcdef';
const TOKEN = 'simToken123';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const OPENID = 'o_user_1';
const ORIGINAL_ID = 'gh_1234567890ab';

function context(overrides: Partial<ReplyContext> = {}): ReplyContext {
  return {
    format: 'xml',
    mode: 'plain',
    accountKind: 'miniprogram',
    appId: APP_ID,
    token: TOKEN,
    aesKey: AES_KEY,
    openid: OPENID,
    originalId: ORIGINAL_ID,
    pushIsEvent: false,
    ...overrides,
  };
}

const ok = (body: string) => ({ status: 200, body });

function transferXml(to = OPENID, from = ORIGINAL_ID, createTime = '1714112445'): string {
  return `<xml><ToUserName><![CDATA[${to}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[transfer_customer_service]]></MsgType></xml>`;
}

function transferJson(): string {
  return JSON.stringify({
    ToUserName: OPENID,
    FromUserName: ORIGINAL_ID,
    CreateTime: 1714112445,
    MsgType: 'transfer_customer_service',
  });
}

/** The §2.5 envelope, built here from the SDK's primitives. */
function encrypted(
  plain: string,
  format: 'xml' | 'json',
  options: { receiveId?: string; token?: string; aesKey?: string } = {},
): string {
  const encrypt = encryptMessage({
    aesKey: options.aesKey ?? AES_KEY,
    receiveId: options.receiveId ?? APP_ID,
    message: plain,
  });
  const timeStamp = 1714112446;
  const nonce = '415670741';
  const signature = computeSignature([options.token ?? TOKEN, String(timeStamp), nonce, encrypt]);
  return format === 'json'
    ? JSON.stringify({ Encrypt: encrypt, MsgSignature: signature, TimeStamp: timeStamp, Nonce: nonce })
    : `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt><MsgSignature><![CDATA[${signature}]]></MsgSignature><TimeStamp>${timeStamp}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`;
}

describe('checkReply: acknowledgements', () => {
  it('takes success and an empty body as acknowledgements, in every mode', () => {
    for (const mode of ['plain', 'compatible', 'safe'] as const) {
      expect(checkReply(ok('success'), context({ mode }))).toEqual({ kind: 'success' });
      expect(checkReply(ok(''), context({ mode }))).toEqual({ kind: 'empty' });
    }
    expect(checkReply(ok('success\n'), context())).toEqual({ kind: 'success' });
  });

  it('refuses any HTTP status other than 200, whatever the body', () => {
    const verdict = checkReply({ status: 500, body: 'success' }, context());
    expect(verdict).toEqual({ kind: 'invalid', problem: expect.stringContaining('HTTP 500') });
    expect(checkReply({ status: 401, body: '' }, context()).kind).toBe('invalid');
  });

  it('refuses text that is neither success, empty, nor a document', () => {
    const verdict = checkReply(ok('ok'), context());
    expect(verdict).toMatchObject({
      kind: 'invalid',
      problem: expect.stringContaining('not success, empty'),
    });
  });
});

describe('checkReply: transfer_customer_service', () => {
  it('accepts a plaintext transfer in plain and compatible mode, in the push format', () => {
    expect(checkReply(ok(transferXml()), context())).toEqual({ kind: 'transfer' });
    expect(checkReply(ok(transferXml()), context({ mode: 'compatible' }))).toEqual({ kind: 'transfer' });
    expect(checkReply(ok(transferJson()), context({ format: 'json' }))).toEqual({ kind: 'transfer' });
  });

  it('refuses a reply in the other format', () => {
    expect(checkReply(ok(transferXml()), context({ format: 'json' }))).toMatchObject({
      kind: 'invalid',
      problem: expect.stringContaining('XML, but pushes are JSON'),
    });
    expect(checkReply(ok(transferJson()), context()).kind).toBe('invalid');
  });

  it('accepts an encrypted transfer in safe and compatible mode, XML and JSON', () => {
    for (const mode of ['safe', 'compatible'] as const) {
      expect(checkReply(ok(encrypted(transferXml(), 'xml')), context({ mode }))).toEqual({
        kind: 'transfer',
      });
      const json = context({ mode, format: 'json' });
      expect(checkReply(ok(encrypted(transferJson(), 'json')), json)).toEqual({ kind: 'transfer' });
    }
  });

  it('refuses a plaintext transfer in safe mode', () => {
    expect(checkReply(ok(transferXml()), context({ mode: 'safe' }))).toMatchObject({
      kind: 'invalid',
      problem: expect.stringContaining('must be encrypted'),
    });
  });

  it('refuses an encrypted reply to a plaintext push', () => {
    expect(checkReply(ok(encrypted(transferXml(), 'xml')), context({ mode: 'plain' })).kind).toBe('invalid');
  });

  it('refuses a wrong MsgSignature, a wrong key and a wrong receiveId', () => {
    const safe = context({ mode: 'safe' });
    const wrongToken = checkReply(ok(encrypted(transferXml(), 'xml', { token: 'otherToken' })), safe);
    expect(wrongToken).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('MsgSignature') });
    const otherKey = 'B'.repeat(43);
    const wrongKey = checkReply(ok(encrypted(transferXml(), 'xml', { aesKey: otherKey })), safe);
    expect(wrongKey).toMatchObject({
      kind: 'invalid',
      problem: expect.stringContaining('cannot be decrypted'),
    });
    const wrongApp = checkReply(ok(encrypted(transferXml(), 'xml', { receiveId: 'wxother000000000' })), safe);
    expect(wrongApp).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('receiveId') });
  });

  it('refuses an envelope without its signed parts', () => {
    const body = '<xml><Encrypt><![CDATA[abcd]]></Encrypt></xml>';
    expect(checkReply(ok(body), context({ mode: 'safe' }))).toMatchObject({
      kind: 'invalid',
      problem: expect.stringContaining('MsgSignature, TimeStamp and Nonce'),
    });
  });

  it('checks the addressing: the user, the account, an integer CreateTime', () => {
    expect(checkReply(ok(transferXml('o_someone_else')), context())).toMatchObject({
      problem: expect.stringContaining('ToUserName'),
    });
    expect(checkReply(ok(transferXml(OPENID, 'gh_other')), context())).toMatchObject({
      problem: expect.stringContaining('FromUserName'),
    });
    expect(checkReply(ok(transferXml(OPENID, ORIGINAL_ID, 'soon')), context())).toMatchObject({
      problem: expect.stringContaining('CreateTime'),
    });
  });

  it('refuses to transfer an event (SPEC §1.6)', () => {
    expect(checkReply(ok(transferXml()), context({ pushIsEvent: true }))).toMatchObject({
      kind: 'invalid',
      problem: expect.stringContaining('must not be answered with transfer_customer_service'),
    });
  });
});

describe('checkReply: passive messages', () => {
  const text = `<xml><ToUserName><![CDATA[${OPENID}]]></ToUserName><FromUserName><![CDATA[${ORIGINAL_ID}]]></FromUserName><CreateTime>1714112445</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>`;

  it('refuses a passive text from a mini program, pointing at the send API', () => {
    expect(checkReply(ok(text), context())).toMatchObject({
      kind: 'invalid',
      problem: expect.stringContaining('customer-service API'),
    });
  });

  it('accepts it from an official account and turns it into a send-API shaped message', () => {
    const verdict = checkReply(ok(text), context({ accountKind: 'official-account' }));
    expect(verdict.kind).toBe('passive');
    if (verdict.kind !== 'passive') return;
    const message = passiveAsMessage(verdict.fields, APP_ID, OPENID, 5);
    expect(message).toEqual({
      appId: APP_ID,
      touser: OPENID,
      msgtype: 'text',
      payload: { touser: OPENID, msgtype: 'text', text: { content: '你好' } },
      at: 5,
    });
  });

  it('maps image and news replies to the send API names', () => {
    const image = passiveAsMessage({ MsgType: 'image', Image: { MediaId: 'm1' } }, APP_ID, OPENID, 0);
    expect(image.payload.image).toEqual({ media_id: 'm1' });
    const news = passiveAsMessage(
      { MsgType: 'news', Articles: { item: { Title: 't', Description: 'd', PicUrl: 'p', Url: 'u' } } },
      APP_ID,
      OPENID,
      0,
    );
    expect(news.payload.news).toEqual({
      articles: [{ title: 't', description: 'd', picurl: 'p', url: 'u' }],
    });
  });
});
