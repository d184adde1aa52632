import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../../src/messages/inbound.js';
import { createTestPush, createTestVerification } from '../../../src/testing/index.js';
import { AES_KEY, APP_ID, makeServer, TOKEN } from './helpers.js';

describe('createTestPush (wechat-customer-service/testing)', () => {
  for (const format of ['xml', 'json'] as const) {
    for (const mode of ['plain', 'compatible', 'safe'] as const) {
      it(`${format} ${mode}: a push serve() accepts, with defaults filled in`, async () => {
        const { server } = makeServer({
          appId: APP_ID,
          token: TOKEN,
          aesKey: AES_KEY,
          server: { requireEncryption: mode !== 'plain' },
        });
        const seen: InboundMessage[] = [];
        server.push((m) => void seen.push(m));
        const request = createTestPush({
          appId: APP_ID,
          token: TOKEN,
          aesKey: AES_KEY,
          message: { MsgType: 'text', Content: '你好 ]]> <x>', MsgId: '6054768590064713728' },
          format,
          mode,
        });
        expect(request.url.includes('encrypt_type=aes')).toBe(mode !== 'plain');
        expect(request.body.trimStart()[0]).toBe(format === 'xml' ? '<' : '{');
        if (format === 'json' && mode !== 'safe')
          expect(request.body).toContain('"MsgId":6054768590064713728');
        expect(await server.serve(request)).toMatchObject({ status: 200, body: 'success' });
        expect(seen).toEqual([
          expect.objectContaining({
            MsgType: 'text',
            Content: '你好 ]]> <x>',
            MsgId: '6054768590064713728',
            ToUserName: 'gh_0123456789ab',
            FromUserName: 'o_test_user_openid',
          }),
        ]);
        expect(typeof seen[0]?.CreateTime).toBe('number');
      });
    }
  }

  it('fills a MsgId for messages only, and nested fields of events', async () => {
    const { server } = makeServer({ appId: APP_ID, token: TOKEN, aesKey: AES_KEY });
    const seen: InboundMessage[] = [];
    server.push((m) => void seen.push(m));
    const message = {
      MsgType: 'event',
      Event: 'scancode_push',
      ScanCodeInfo: { ScanType: 'qrcode', ScanResult: 'r' },
    };
    await server.serve(createTestPush({ appId: APP_ID, token: TOKEN, aesKey: AES_KEY, message }));
    expect(seen[0]).toMatchObject(message);
    expect(seen[0]).not.toHaveProperty('MsgId');
  });

  it('needs an aesKey for encrypted modes', () => {
    expect(() =>
      createTestPush({ appId: APP_ID, token: TOKEN, message: { MsgType: 'text' }, mode: 'safe' }),
    ).toThrow(/aesKey/);
  });

  it('createTestVerification: the GET WeChat sends when the console saves', async () => {
    const { server } = makeServer({ appId: APP_ID, token: TOKEN });
    const response = await server.serve(createTestVerification({ token: TOKEN, echostr: 'a+b/c=' }));
    expect(response).toMatchObject({ status: 200, body: 'a+b/c=' });
  });
});
