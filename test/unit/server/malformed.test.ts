import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerService } from '../../../src/api/customer-service.js';
import type { Typing } from '../../../src/api/typing.js';
import { NetworkError } from '../../../src/errors.js';
import type { InboundMessage } from '../../../src/messages/inbound.js';
import { resolveOptions } from '../../../src/options.js';
import { Server } from '../../../src/server/server.js';
import { createTestPush } from '../../../src/testing/index.js';
import { APP_ID, flush, makeServer, recordingLogger, TOKEN } from './helpers.js';

/** A signed plaintext push whose body is exactly `body` (as a broken sender would send it). */
function rawPush(body: string) {
  const push = createTestPush({ appId: APP_ID, token: TOKEN, message: { MsgType: 'text', Content: 'x' } });
  return { ...push, body };
}

describe('pushes whose fields do not have the documented types', () => {
  const cases: Array<[string, string]> = [
    [
      'a numeric JSON MsgType',
      '{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":1,"MsgType":5,"MsgId":1}',
    ],
    [
      'a repeated <MsgType>',
      '<xml><ToUserName>gh_1</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><MsgType>image</MsgType></xml>',
    ],
    [
      'a CreateTime that is not a number',
      '<xml><ToUserName>gh_1</ToUserName><FromUserName>o1</FromUserName><CreateTime>abc</CreateTime><MsgType>text</MsgType><Content>x</Content></xml>',
    ],
    [
      'a JSON Content object',
      '{"ToUserName":"gh_1","FromUserName":"o1","CreateTime":1,"MsgType":"text","Content":{"a":1}}',
    ],
    ['a message without its sender', '{"ToUserName":"gh_1","CreateTime":1,"MsgType":"text","Content":"x"}'],
  ];

  it.each(cases)('answers %s with 400 and runs no handler', async (_name, body) => {
    const { server } = makeServer({ appId: APP_ID, token: TOKEN });
    const seen: InboundMessage[] = [];
    server.push((message) => {
      seen.push(message);
    });
    const response = await server.serve(rawPush(body));
    expect(response.status).toBe(400);
    expect(seen).toEqual([]);
  });

  it('still passes a notice without MsgType (third-party platforms send InfoType) to handlers', async () => {
    const { server } = makeServer({ appId: APP_ID, token: TOKEN });
    const seen: InboundMessage[] = [];
    server.push((message) => {
      seen.push(message);
    });
    const response = await server.serve(rawPush('{"AppId":"wx1","CreateTime":1,"InfoType":"notify"}'));
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(1);
  });
});

describe('a server without a token', () => {
  it('answers 500 and logs the ConfigError with the fix: the fault is ours, not the sender’s', async () => {
    const { server, logger } = makeServer({ appId: APP_ID });
    const response = await server.serve(rawPush('<xml><MsgType>text</MsgType></xml>'));
    expect(response.status).toBe(500);
    const logged = logger.entries.find((e) => e.level === 'error');
    expect(logged?.context.err).toMatchObject({ option: 'token' });
    expect(String(logged?.context.err)).toContain('pass `token`');
  });
});

describe('text that looks like markup inside CDATA', () => {
  it('is data, also when the document takes the full parser (CRLF, a prolog)', async () => {
    const { server } = makeServer({ appId: APP_ID, token: TOKEN });
    const contents: string[] = [];
    server.on('text', (message) => {
      contents.push(message.Content);
    });
    const fields =
      '<ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType>';
    const crlf = `<xml>\r\n${fields}\r\n<Content><![CDATA[hi <!DOCTYPE> there]]></Content><MsgId>1</MsgId>\r\n</xml>`;
    const prolog = `<?xml version="1.0"?><xml>${fields}<Content><![CDATA[<!important>]]></Content><MsgId>2</MsgId></xml>`;
    expect((await server.serve(rawPush(crlf))).status).toBe(200);
    expect((await server.serve(rawPush(prolog))).status).toBe(200);
    expect(contents).toEqual(['hi <!DOCTYPE> there', '<!important>']);
    const doctype = `<!DOCTYPE xml [<!ENTITY x "y">]><xml>${fields}<Content>&x;</Content></xml>`;
    expect((await server.serve(rawPush(doctype))).status).toBe(400);
  });
});

describe('a delivery a handler starts and does not await', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('never becomes an unhandled rejection; its failure is logged', async () => {
    process.on('unhandledRejection', onUnhandled);
    const failure = new NetworkError('/cgi-bin/message/custom/business/typing', {
      cause: new Error('ECONNREFUSED'),
    });
    const failing = {
      customerService: () =>
        ({
          message: () => ({ to: () => ({ send: () => Promise.reject(failure) }) }),
        }) as unknown as CustomerService<'miniprogram'>,
      typing: () => ({ set: () => Promise.reject(failure) }) as unknown as Typing,
    };
    const logger = recordingLogger();
    const { settings, credentials } = resolveOptions<'miniprogram'>({ appId: APP_ID, token: TOKEN, logger });
    const server = new Server<'miniprogram'>(settings, credentials, failing);
    server.on('text', (_message, ctx) => {
      void ctx.typing();
      void ctx.reply('稍等');
    });
    const response = await server.serve(
      createTestPush({ appId: APP_ID, token: TOKEN, message: { MsgType: 'text', Content: 'hi' } }),
    );
    expect(response.body).toBe('success');
    await flush();
    await flush();
    expect(unhandled).toEqual([]);
    expect(logger.entries.filter((e) => e.message.includes('delivery failed'))).toHaveLength(2);
  });
});
