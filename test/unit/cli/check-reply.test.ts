import { describe, expect, it } from 'vitest';
import { inspectReply, type ReplyContext } from '../../../src/cli/check/reply.js';
import { encryptMessage } from '../../../src/server/crypto.js';
import { computeSignature } from '../../../src/server/signature.js';

const appId = 'wx1234567890abcdef';
const token = 'push-token';
const aesKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const safe: ReplyContext = { appId, kind: 'miniprogram', token, aesKey, mode: 'safe', format: 'xml' };

const transferXml =
  '<xml><ToUserName><![CDATA[o_user]]></ToUserName><FromUserName><![CDATA[gh_1]]></FromUserName>' +
  '<CreateTime>1700000000</CreateTime><MsgType><![CDATA[transfer_customer_service]]></MsgType></xml>';
const textXml = transferXml.replace('transfer_customer_service', 'text');

/** A safe-mode reply envelope (SPEC §2.5), signed with `signToken`. */
function envelope(inner: string, signToken = token, receiveId = appId): string {
  const encrypt = encryptMessage({ aesKey, receiveId, message: inner });
  const signature = computeSignature([signToken, '1700000000', '42', encrypt]);
  return `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt><MsgSignature><![CDATA[${signature}]]></MsgSignature><TimeStamp>1700000000</TimeStamp><Nonce><![CDATA[42]]></Nonce></xml>`;
}

describe('inspectReply', () => {
  it('accepts success and an empty body', () => {
    expect(inspectReply('success', safe)).toMatchObject({ ok: true, detail: 'answered success' });
    expect(inspectReply('', safe)).toMatchObject({ ok: true, detail: 'answered an empty body' });
  });

  it('refuses anything else that is not a reply document, as WeChat does', () => {
    const verdict = inspectReply('ok', safe);
    expect(verdict.ok).toBe(false);
    expect(verdict.detail).toContain('该小程序客服暂时无法提供服务');
    expect(inspectReply('"success"', safe).ok).toBe(false);
  });

  it('accepts an encrypted, signed transfer_customer_service in safe mode', () => {
    expect(inspectReply(envelope(transferXml), safe)).toMatchObject({
      ok: true,
      detail: 'answered a transfer_customer_service reply',
    });
  });

  it('refuses a plaintext reply in safe mode but accepts it in compatible mode', () => {
    expect(inspectReply(transferXml, safe)).toMatchObject({ ok: false });
    expect(inspectReply(transferXml, { ...safe, mode: 'compatible' })).toMatchObject({ ok: true });
  });

  it('refuses an envelope signed with another token or encrypted for another app', () => {
    expect(inspectReply(envelope(transferXml, 'other-token'), safe).detail).toContain(
      'MsgSignature does not verify',
    );
    expect(inspectReply(envelope(transferXml, token, 'wx0000000000000000'), safe).detail).toContain(
      'does not decrypt',
    );
  });

  it('refuses content replies from a mini program and accepts them from an official account', () => {
    const plain = { ...safe, mode: 'plain' as const, aesKey: undefined };
    expect(inspectReply(textXml, plain)).toMatchObject({ ok: false });
    expect(inspectReply(textXml, plain).detail).toContain('only success or transfer_customer_service');
    expect(inspectReply(textXml, { ...plain, kind: 'official-account' })).toMatchObject({
      ok: true,
      detail: 'answered a text reply',
    });
  });

  it('refuses a reply in the other data format', () => {
    const json = JSON.stringify({
      ToUserName: 'o',
      FromUserName: 'g',
      CreateTime: 1,
      MsgType: 'transfer_customer_service',
    });
    const plainXml = { ...safe, mode: 'plain' as const };
    expect(inspectReply(json, plainXml).detail).toContain('answered JSON to an XML push');
    expect(inspectReply(json, { ...plainXml, format: 'json' })).toMatchObject({ ok: true });
  });
});
