import { once } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Application } from '../../src/application.js';
import { silentLogger } from '../../src/logger.js';
import { Link, Text } from '../../src/messages/index.js';
import type { FakeApi } from '../../src/simulator/api/index.js';
import { createTestPush } from '../../src/testing/index.js';
import { MINI, OFFICIAL, startApi } from './client-helpers.js';
import { AES_KEY, openReply, TOKEN, urlOf } from './server-helpers.js';

const USER = 'o_e2e_user';

/** Resolves with the next message the fake API receives. */
function nextDelivery(api: FakeApi) {
  return new Promise<{ touser: string; msgtype: string; payload: Record<string, unknown> }>((resolve) => {
    const stop = api.world.onMessage((message) => {
      stop();
      resolve(message);
    });
  });
}

describe('end to end: push → handler → real CustomerService/Typing → fake WeChat API', () => {
  let api: FakeApi;
  let web: HttpServer | undefined;

  beforeAll(async () => {
    api = await startApi();
  });

  afterAll(async () => {
    if (web) await new Promise<void>((resolve) => web?.close(() => resolve()));
    await api.close();
  });

  const mini = (server = {}) =>
    new Application({
      ...MINI,
      token: TOKEN,
      aesKey: AES_KEY,
      baseUrl: api.url,
      logger: silentLogger,
      server,
    });

  it('over HTTP: a mini program’s Text reply is success on the wire, then delivered through the API', async () => {
    const app = mini();
    app.server.on('text', async (message, ctx) => {
      await ctx.typing();
      return new Text(`echo: ${message.Content}`);
    });
    web = createServer(app.server.toNodeHandler());
    web.listen(0, '127.0.0.1');
    await once(web, 'listening');
    api.world.userSent(MINI.appId, USER);
    const typing = new Promise((resolve) => api.world.onTyping(resolve));
    const delivered = nextDelivery(api);
    const push = createTestPush({
      ...MINI,
      token: TOKEN,
      aesKey: AES_KEY,
      message: { MsgType: 'text', Content: '你好', FromUserName: USER },
    });
    const response = await fetch(urlOf(web) + push.url, { method: 'POST', body: push.body });
    expect(await response.text()).toBe('success');
    expect(await typing).toMatchObject({ appId: MINI.appId, openid: USER, command: 'Typing' });
    expect(await delivered).toMatchObject({
      touser: USER,
      msgtype: 'text',
      payload: { text: { content: 'echo: 你好' } },
    });
  });

  it('a reply that misses the deadline still reaches the user through the API', async () => {
    const app = mini({ deadline: 50 });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    app.server.on('event.user_enter_tempsession', async () => {
      await gate;
      return new Link({
        title: '帮助',
        description: '常见问题',
        url: 'https://example.com/faq',
        thumbUrl: 'https://example.com/t.png',
      });
    });
    api.world.userEntered(MINI.appId, USER);
    const delivered = nextDelivery(api);
    const push = createTestPush({
      ...MINI,
      token: TOKEN,
      aesKey: AES_KEY,
      message: { MsgType: 'event', Event: 'user_enter_tempsession', SessionFrom: 'faq', FromUserName: USER },
    });
    expect(await app.server.serve(push)).toMatchObject({ status: 200, body: 'success' });
    release();
    expect(await delivered).toMatchObject({ touser: USER, msgtype: 'link' });
  });

  it('waitForHandlers: serve() resolves after the API delivery is done', async () => {
    const app = mini({ waitForHandlers: true });
    app.server.on('text', () => 'done');
    api.world.userSent(MINI.appId, USER);
    const before = api.world.messages(MINI.appId, USER).length;
    const push = createTestPush({
      ...MINI,
      token: TOKEN,
      aesKey: AES_KEY,
      message: { MsgType: 'text', FromUserName: USER },
    });
    expect((await app.server.serve(push)).body).toBe('success');
    expect(api.world.messages(MINI.appId, USER)).toHaveLength(before + 1);
  });

  it('an official account answers text passively (encrypted), without an API call', async () => {
    const official = new Application<'official-account'>({
      appId: OFFICIAL.appId,
      secret: OFFICIAL.secret,
      kind: 'official-account',
      token: TOKEN,
      aesKey: AES_KEY,
      baseUrl: api.url,
      logger: silentLogger,
    });
    official.server.on('text', (message) => `收到：${message.Content}`);
    const before = api.world.messages(OFFICIAL.appId).length;
    const push = createTestPush({
      appId: OFFICIAL.appId,
      token: TOKEN,
      aesKey: AES_KEY,
      message: { MsgType: 'text', Content: 'hi' },
    });
    const response = await official.server.serve(push);
    expect(openReply(response.body, OFFICIAL.appId)).toMatchObject({ MsgType: 'text', Content: '收到：hi' });
    expect(api.world.messages(OFFICIAL.appId)).toHaveLength(before);
  });
});
