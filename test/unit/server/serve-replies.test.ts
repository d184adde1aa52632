import { describe, expect, it } from 'vitest';
import { Image, Link, Text, TransferCustomerService } from '../../../src/messages/index.js';
import { MessageCipher } from '../../../src/server/crypto.js';
import type { ServeResponse } from '../../../src/server/http.js';
import { parseDocument } from '../../../src/server/parse.js';
import { computeSignature } from '../../../src/server/signature.js';
import { createTestPush, type TestPushOptions } from '../../../src/testing/index.js';
import { AES_KEY, APP_ID, deferred, flush, makeServer, TOKEN } from './helpers.js';

const NOW = 1_714_112_445;
const clock = () => NOW * 1000;
const USER = 'o_user_1';
const text = { MsgType: 'text', Content: 'hi', FromUserName: USER, ToUserName: 'gh_account' };
const enter = { MsgType: 'event', Event: 'user_enter_tempsession', SessionFrom: 'x', FromUserName: USER };

const push = (overrides: Partial<TestPushOptions> = {}) =>
  createTestPush({
    appId: APP_ID,
    token: TOKEN,
    aesKey: AES_KEY,
    message: text,
    timestamp: NOW,
    nonce: '777',
    ...overrides,
  });

/** Opens an encrypted reply: checks its msg_signature, decrypts, parses. */
function openReply(response: ServeResponse, nonce = '777') {
  const { format, fields } = parseDocument(response.body);
  const { Encrypt, MsgSignature, TimeStamp, Nonce } = fields as Record<string, string | number>;
  expect(MsgSignature).toBe(computeSignature([TOKEN, String(TimeStamp), String(Nonce), String(Encrypt)]));
  expect(Number(TimeStamp)).toBe(NOW);
  expect(Nonce).toBe(nonce);
  const inner = parseDocument(new MessageCipher(AES_KEY, APP_ID).decrypt(String(Encrypt)));
  return { format, innerFormat: inner.format, fields: inner.fields };
}

describe('replies in the push’s own format and mode (DESIGN §7)', () => {
  for (const format of ['xml', 'json'] as const) {
    for (const mode of ['safe', 'compatible'] as const) {
      it(`TransferCustomerService to a ${format} ${mode} push: encrypted, in ${format}`, async () => {
        const { server } = makeServer({ appId: APP_ID, token: TOKEN, aesKey: AES_KEY, clock });
        server.on('text', () => new TransferCustomerService());
        const response = await server.serve(push({ format, mode }));
        expect(response.headers['content-type']).toContain(
          format === 'xml' ? 'application/xml' : 'application/json',
        );
        const reply = openReply(response);
        expect(reply.format).toBe(format);
        expect(reply.innerFormat).toBe(format);
        expect(reply.fields).toEqual({
          ToUserName: USER,
          FromUserName: 'gh_account',
          CreateTime: format === 'xml' ? String(NOW) : NOW,
          MsgType: 'transfer_customer_service',
        });
      });
    }

    it(`TransferCustomerService to a plaintext ${format} push: plaintext`, async () => {
      const { server } = makeServer({ appId: APP_ID, token: TOKEN, clock });
      server.on('text', () => new TransferCustomerService());
      const request = createTestPush({ appId: APP_ID, token: TOKEN, message: text, timestamp: NOW, format });
      const response = await server.serve(request);
      expect(parseDocument(response.body)).toEqual({
        format,
        fields: expect.objectContaining({ MsgType: 'transfer_customer_service', ToUserName: USER }),
      });
    });
  }

  it('official accounts: TransInfo/KfAccount, and the passive kinds of §3.4', async () => {
    const { server, sent } = makeServer({
      appId: APP_ID,
      token: TOKEN,
      aesKey: AES_KEY,
      clock,
      kind: 'official-account',
    });
    server.on('text', (m) =>
      m.Content === 'agent' ? new TransferCustomerService('kf2001@gh_x') : 'echo: ]]> done',
    );
    server.on('image', () => new Image('media_1'));
    const agent = openReply(await server.serve(push({ message: { ...text, Content: 'agent' } })));
    expect(agent.fields.TransInfo).toEqual({ KfAccount: 'kf2001@gh_x' });
    const echo = openReply(
      await server.serve(push({ message: { ...text, Content: 'x' }, nonce: '778' })),
      '778',
    );
    expect(echo.fields).toMatchObject({ MsgType: 'text', Content: 'echo: ]]> done' });
    const imagePush = push({ message: { MsgType: 'image', PicUrl: 'u', MediaId: 'm' }, nonce: '779' });
    const image = openReply(await server.serve(imagePush), '779');
    expect(image.fields).toMatchObject({ MsgType: 'image', Image: { MediaId: 'media_1' } });
    expect(sent).toEqual([]);
  });

  it('mini programs: Text answers success now and goes out through customerService to the sender', async () => {
    const { server, sent } = makeServer({ appId: APP_ID, token: TOKEN, aesKey: AES_KEY, clock });
    server.on('text', (m) => `you said ${m.Content}`);
    server.on(
      'event.user_enter_tempsession',
      () => new Link({ title: 't', description: 'd', url: 'https://a', thumbUrl: 'https://b' }),
    );
    expect(await server.serve(push())).toMatchObject({ status: 200, body: 'success' });
    expect(await server.serve(push({ message: enter, nonce: '1' }))).toMatchObject({
      status: 200,
      body: 'success',
    });
    await flush();
    expect(sent).toEqual([
      { openid: USER, message: new Text('you said hi') },
      { openid: USER, message: expect.objectContaining({ type: 'link' }) },
    ]);
  });

  it('transferring an event is refused with a warning and answered success', async () => {
    const { server, logger } = makeServer({ appId: APP_ID, token: TOKEN, aesKey: AES_KEY, clock });
    server.on('event', () => new TransferCustomerService());
    expect(await server.serve(push({ message: enter }))).toMatchObject({ status: 200, body: 'success' });
    expect(logger.entries).toContainEqual(
      expect.objectContaining({ level: 'warn', message: expect.stringContaining('cannot be transferred') }),
    );
  });

  it('a throwing handler: onError gets it, WeChat gets success', async () => {
    const { server } = makeServer({ appId: APP_ID, token: TOKEN, aesKey: AES_KEY, clock });
    const errors: unknown[] = [];
    server.push(() => {
      throw new Error('db down');
    });
    server.onError((error) => void errors.push(error));
    expect(await server.serve(push())).toMatchObject({ status: 200, body: 'success' });
    expect(errors).toEqual([
      expect.objectContaining({ name: 'HandlerError', message: 'a push handler threw: db down' }),
    ]);
  });

  it('a failed API delivery goes to onError', async () => {
    const { server, state } = makeServer({ appId: APP_ID, token: TOKEN, aesKey: AES_KEY, clock });
    state.fail = new Error('45015 window closed');
    const errors: unknown[] = [];
    server.push(() => 'hello').onError((error) => void errors.push(error));
    expect((await server.serve(push())).body).toBe('success');
    await flush();
    expect(errors).toEqual([state.fail]);
  });

  it('an invalid result (too long a string) is reported, WeChat gets success', async () => {
    const { server } = makeServer({ appId: APP_ID, token: TOKEN, aesKey: AES_KEY, clock });
    const errors: Error[] = [];
    server.push(() => 'x'.repeat(5000)).onError((error) => void errors.push(error));
    expect((await server.serve(push())).body).toBe('success');
    expect(errors[0]?.cause).toMatchObject({ name: 'ValidationError' });
  });

  it('ctx.reply and ctx.typing go to the sender', async () => {
    const { server, sent, typing } = makeServer({ appId: APP_ID, token: TOKEN, aesKey: AES_KEY, clock });
    server.push(async (_m, ctx) => {
      await ctx.typing();
      await ctx.reply('one');
      await ctx.typing('CancelTyping');
      expect(ctx).toMatchObject({ appId: APP_ID, kind: 'miniprogram', format: 'json', encrypted: true });
    });
    await server.serve(push({ format: 'json' }));
    expect(typing).toEqual([
      { openid: USER, command: 'Typing' },
      { openid: USER, command: 'CancelTyping' },
    ]);
    expect(sent).toEqual([{ openid: USER, message: 'one' }]);
  });
});

describe('deadline and waitForHandlers (DESIGN §7)', () => {
  it('answers success at the deadline; the late reply goes through the API', async () => {
    const { server, sent } = makeServer({
      appId: APP_ID,
      token: TOKEN,
      aesKey: AES_KEY,
      clock,
      server: { deadline: 20 },
    });
    const gate = deferred();
    server.push(async () => {
      await gate.promise;
      return 'late answer';
    });
    expect(await server.serve(push())).toMatchObject({ status: 200, body: 'success' });
    expect(sent).toEqual([]);
    gate.resolve();
    await flush();
    expect(sent).toEqual([{ openid: USER, message: new Text('late answer') }]);
  });

  it('a late transfer cannot happen and is logged', async () => {
    const { server, logger, sent } = makeServer({
      appId: APP_ID,
      token: TOKEN,
      aesKey: AES_KEY,
      clock,
      server: { deadline: 20 },
    });
    const gate = deferred();
    server.push(async () => {
      await gate.promise;
      return new TransferCustomerService();
    });
    expect((await server.serve(push())).body).toBe('success');
    gate.resolve();
    await flush();
    expect(sent).toEqual([]);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({ level: 'warn', message: expect.stringContaining('after the deadline') }),
    );
  });

  it('waitForHandlers: serve() resolves only after handlers and their deliveries', async () => {
    const { server, sent } = makeServer({
      appId: APP_ID,
      token: TOKEN,
      aesKey: AES_KEY,
      clock,
      server: { deadline: 20, waitForHandlers: true },
    });
    const gate = deferred();
    server.push(async (_m, ctx) => {
      await gate.promise;
      void ctx.reply('progress'); // not awaited by the handler, still waited for
      return 'final';
    });
    let done = false;
    const serving = server.serve(push()).then((response) => {
      done = true;
      return response;
    });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(done).toBe(false);
    gate.resolve();
    expect((await serving).body).toBe('success');
    expect(sent.map((s) => s.message)).toEqual(['progress', new Text('final')]);
  });

  it('waitForHandlers: a synchronous handler’s deliveries are waited for too', async () => {
    const { server, sent, state } = makeServer({
      appId: APP_ID,
      token: TOKEN,
      aesKey: AES_KEY,
      clock,
      server: { waitForHandlers: true, dedupe: false },
    });
    const gate = deferred();
    state.gate = gate.promise;
    server.push((_m, ctx) => {
      void ctx.reply('now');
      return 'final';
    });
    let done = false;
    const serving = server.serve(push()).then((response) => {
      done = true;
      return response;
    });
    await flush();
    expect(done).toBe(false);
    gate.resolve();
    expect((await serving).body).toBe('success');
    expect(sent.map((s) => s.message)).toEqual(['now', new Text('final')]);
  });

  it('waitForHandlers: warns when the answer leaves after WeChat’s 5 s', async () => {
    let now = NOW * 1000;
    const { server, logger } = makeServer({
      appId: APP_ID,
      token: TOKEN,
      aesKey: AES_KEY,
      clock: () => now,
      server: { waitForHandlers: true },
    });
    server.push(async () => {
      now += 6_000; // the handler took six seconds of the injected clock
      return 'slow';
    });
    await server.serve(push());
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        context: { elapsed: 6_000 },
        message: expect.stringContaining('5 s'),
      }),
    );
  });
});

describe('de-duplication and replays (DESIGN §1.2, §7)', () => {
  it('a replayed request and a retried message run no handler twice; both get success', async () => {
    const { server } = makeServer({ appId: APP_ID, token: TOKEN, aesKey: AES_KEY, clock });
    let runs = 0;
    server.push(() => {
      runs++;
    });
    const first = push({ message: { ...text, MsgId: '6054768590064713728' } });
    const retry = push({ message: { ...text, MsgId: '6054768590064713728' }, nonce: '888' });
    for (const request of [first, first, retry]) expect((await server.serve(request)).body).toBe('success');
    expect(runs).toBe(1);
  });

  it('events are de-duplicated on FromUserName + CreateTime + Event', async () => {
    const { server } = makeServer({ appId: APP_ID, token: TOKEN, aesKey: AES_KEY, clock });
    let runs = 0;
    server.on('event', () => {
      runs++;
    });
    await server.serve(push({ message: enter, nonce: '1' }));
    await server.serve(push({ message: enter, nonce: '2' }));
    await server.serve(push({ message: { ...enter, CreateTime: NOW + 1 }, nonce: '3' }));
    expect(runs).toBe(2);
  });

  it('a refused push writes no de-duplication key (its genuine retry still runs)', async () => {
    const { server } = makeServer({ appId: APP_ID, token: TOKEN, aesKey: AES_KEY, clock });
    let runs = 0;
    server.push(() => {
      runs++;
    });
    const good = push();
    await server.serve({
      ...good,
      url: good.url.replace(/msg_signature=[0-9a-f]{40}/, `msg_signature=${'0'.repeat(40)}`),
    });
    await server.serve(good);
    expect(runs).toBe(1);
  });
});

describe('verification details', () => {
  it('compatible mode: the handler sees the decrypted copy, not the plaintext beside it', async () => {
    const { server } = makeServer({ appId: APP_ID, token: TOKEN, aesKey: AES_KEY, clock });
    const seen: unknown[] = [];
    server.on('text', (m) => void seen.push(m.Content));
    const request = push({ mode: 'compatible', message: { ...text, Content: 'signed' } });
    const forged = request.body.replace(
      '<Content><![CDATA[signed]]></Content>',
      '<Content><![CDATA[forged]]></Content>',
    );
    expect(forged).not.toBe(request.body);
    await server.serve({ ...request, body: forged });
    expect(seen).toEqual(['signed']);
  });

  it('rotates keys: the old token and aesKey still work, and the reply uses the ones that matched', async () => {
    const OLD_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
    const { server } = makeServer({
      appId: APP_ID,
      token: ['new_token', TOKEN],
      aesKey: [AES_KEY, OLD_KEY],
      clock,
    });
    server.on('text', () => new TransferCustomerService());
    const response = await server.serve(push({ aesKey: OLD_KEY }));
    const { fields } = parseDocument(response.body);
    expect(fields.MsgSignature).toBe(computeSignature([TOKEN, String(NOW), '777', String(fields.Encrypt)]));
    expect(new MessageCipher(OLD_KEY, APP_ID).decrypt(String(fields.Encrypt))).toContain(
      'transfer_customer_service',
    );
    expect(
      (await server.serve(push({ token: 'new_token', nonce: '1', message: { ...text, MsgId: '9' } }))).status,
    ).toBe(200);
  });

  it('the CheckContainerPath probe is answered success and reaches no handler', async () => {
    const { server } = makeServer({ appId: APP_ID, token: TOKEN, aesKey: AES_KEY, clock });
    let runs = 0;
    server.push(() => {
      runs++;
    });
    for (const body of [
      '{"action":"CheckContainerPath"}',
      '<xml><action>CheckContainerPath</action></xml>',
    ]) {
      const request = push({ mode: 'plain' });
      expect(await server.serve({ ...request, body })).toMatchObject({ status: 200, body: 'success' });
    }
    expect(runs).toBe(0);
  });

  it('never logs the token, the aesKey or the body', async () => {
    const { server, logger } = makeServer({ appId: APP_ID, token: TOKEN, aesKey: AES_KEY, clock });
    server.push(() => {
      throw new Error('boom');
    });
    const secret = 'the user’s secret message';
    await server.serve(push({ message: { ...text, Content: secret } }));
    await server.serve(push({ token: 'wrong', message: { ...text, Content: secret }, nonce: '1' }));
    await server.serve(push({ mode: 'plain', message: { ...text, Content: secret }, nonce: '2' }));
    const logged = JSON.stringify(logger.entries.map((e) => [e.message, e.context]));
    expect(logger.entries.length).toBeGreaterThanOrEqual(3);
    for (const forbidden of [TOKEN, AES_KEY, secret]) expect(logged).not.toContain(forbidden);
  });
});
