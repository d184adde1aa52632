import { get } from 'node:http';
import { inspect } from 'node:util';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';
import { APP, deferred, JPEG, startBot } from './simulator-bot-helpers.js';

/** The simulator's own HTTP surface: page, assets, state, events, actions, media, and the API. */
let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ apps: [{ ...APP }] });
});

afterAll(async () => {
  await sim?.stop();
});

async function call(
  path: string,
  init: { method?: 'GET' | 'POST' | 'PUT'; json?: unknown; body?: string; type?: string } = {},
) {
  const body = init.json === undefined ? init.body : JSON.stringify(init.json);
  const response = await request(`${sim.url}${path}`, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    ...(body === undefined ? {} : { body, headers: { 'content-type': init.type ?? 'application/json' } }),
  });
  const bytes = Buffer.from(await response.body.arrayBuffer());
  return { status: response.statusCode, headers: response.headers, bytes, text: bytes.toString('utf8') };
}

describe('the chat page', () => {
  it('redirects / to /chat and serves the page with a strict CSP', async () => {
    expect((await call('/')).headers.location).toBe('/chat');
    const page = await call('/chat');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.text).toContain('<script src="/chat.js"></script>');
    expect(page.text).toContain('lang="zh-CN"');
  });

  it('serves script and style; the script is valid JavaScript', async () => {
    const script = await call('/chat.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(() => new Function(script.text)).not.toThrow();
    expect((await call('/chat.css')).headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('answers 404 and 405 as expected', async () => {
    expect((await call('/nope')).status).toBe(404);
    expect((await call('/chat', { method: 'PUT', body: 'x', type: 'text/plain' })).status).toBe(405);
  });
});

describe('one port for the API and the page', () => {
  it('serves the fake API under /cgi-bin', async () => {
    const token = await call(
      `/cgi-bin/token?grant_type=client_credential&appid=${APP.appId}&secret=${APP.secret}`,
    );
    expect(JSON.parse(token.text)).toMatchObject({ access_token: expect.any(String), expires_in: 7200 });
  });
});

describe('POST /sim/action', () => {
  it('acts as the user and answers the delivery outcome', async () => {
    const response = await call('/sim/action', { json: { action: 'say', openid: 'o_page', text: '你好' } });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ reply: 'no-webhook', attempts: 0 });
    expect(sim.user('o_page').conversation()).toMatchObject([{ from: 'user', kind: 'text', text: '你好' }]);
  });

  it('refuses anything but JSON, so a cross-site form cannot post', async () => {
    const response = await call('/sim/action', {
      body: 'action=say',
      type: 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(415);
  });

  it('answers 400 with the reason for bad input', async () => {
    const cases = [
      { body: '{not json' },
      { json: { action: 'dance', openid: 'o_page' } },
      { json: { action: 'say', openid: 'o_page' } },
      { json: { action: 'say', openid: 'o_page', text: 'x', appId: 'wxunknown00000000' } },
      { json: { action: 'image', openid: 'o_page', data: Buffer.from('not an image').toString('base64') } },
      { json: [] },
    ];
    for (const input of cases) {
      const response = await call('/sim/action', input);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.text)).toEqual({ error: expect.any(String) });
    }
  });

  it('stores an image the user sends and serves it at its media URL', async () => {
    const data = JPEG.toString('base64');
    await call('/sim/action', {
      json: { action: 'image', openid: 'o_pic', data, filename: 'C:\\photos\\cat.jpg' },
    });
    const [line] = sim.user('o_pic').conversation();
    if (line?.from !== 'user' || line.kind !== 'image') throw new Error('expected an image line');
    const media = await call(line.url);
    expect(media.status).toBe(200);
    expect(media.headers['content-type']).toBe('image/jpeg');
    expect(media.bytes.equals(JPEG)).toBe(true);
    expect(sim.world.getMedia(APP.appId, line.mediaId)?.filename).toBe('cat.jpg');
    expect((await call(`/media/${APP.appId}/unknown`)).status).toBe(404);
  });
});

describe('state and live events', () => {
  it('lists apps and conversations without any credential', async () => {
    await sim.user('o_state').say('hi');
    const state = await call('/sim/state');
    const parsed = JSON.parse(state.text) as { apps: unknown[]; conversations: Array<{ openid: string }> };
    expect(parsed.apps).toEqual([
      { appId: APP.appId, kind: 'miniprogram', originalId: 'gh_1234567890ab', webhook: null },
    ]);
    expect(parsed.conversations.map((c) => c.openid)).toContain('o_state');
    for (const secret of [APP.secret, APP.token, APP.aesKey]) {
      expect(state.text).not.toContain(secret);
      expect(inspect(sim, { depth: 5 })).not.toContain(secret);
      expect(JSON.stringify(sim.user('o_state'))).not.toContain(secret);
    }
  });

  it('streams new lines and typing to the page', async () => {
    const bot = await startBot(sim.url);
    const events: Array<{ type: string; entry?: { text?: string }; state?: { typingUntil?: number } }> = [];
    const { promise: sawReply, resolve } = deferred();
    const stream = get(`${sim.url}/sim/events`, (response) => {
      expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      let buffer = '';
      response.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .find((line) => line.startsWith('data: '));
          buffer = buffer.slice(end + 2);
          if (data === undefined) continue;
          events.push(JSON.parse(data.slice(6)));
          if (events.at(-1)?.entry?.text === '稍等') resolve();
        }
      });
    });
    try {
      await new Promise((r) => stream.once('response', r));
      await sim.user('o_live').say('查订单');
      await bot.app.typing.set('o_live', 'Typing');
      await bot.app.customerService.message('稍等').to('o_live').send();
      await sawReply;
      expect(events.filter((e) => e.type === 'entry').map((e) => e.entry?.text)).toEqual(['查订单', '稍等']);
      const typing = events.filter((e) => e.type === 'state').map((e) => e.state?.typingUntil !== undefined);
      expect(typing).toContain(true);
      expect(typing.at(-1)).toBe(false);
    } finally {
      stream.destroy();
      await bot.close();
    }
  });
});
