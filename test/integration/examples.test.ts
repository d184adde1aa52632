import { once } from 'node:events';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONTACT_PAGE } from '../../examples/bot.js';
import { exampleConfig, type RunningExample } from '../../examples/config.js';
import { start as startExpress } from '../../examples/express.js';
import { start as startFastify } from '../../examples/fastify.js';
import { start as startHono } from '../../examples/hono.js';
import { start as startKoa } from '../../examples/koa.js';
import { llmConfig } from '../../examples/llm-bot.js';
import { start as startNodeHttp } from '../../examples/node-http.js';
import type { Simulator } from '../../src/simulator/index.js';
import { PNG } from './cli-helpers.js';
import { exampleOptions, startDemoSimulator, wire } from './examples-helpers.js';

type Start = typeof startNodeHttp;

/** Each framework example, pushed to in a different format and mode. */
const EXAMPLES: [string, Start, { format: 'xml' | 'json'; mode: 'safe' | 'compatible' }][] = [
  ['node-http', startNodeHttp, { format: 'xml', mode: 'safe' }],
  ['express', startExpress, { format: 'json', mode: 'safe' }],
  ['koa', startKoa, { format: 'xml', mode: 'compatible' }],
  ['fastify', startFastify, { format: 'json', mode: 'compatible' }],
  ['hono', startHono, { format: 'xml', mode: 'safe' }],
];

let sim: Simulator;
let running: RunningExample | undefined;

beforeAll(async () => {
  sim = await startDemoSimulator();
});

afterEach(async () => {
  await running?.close();
  running = undefined;
});

afterAll(async () => {
  await sim.stop();
});

describe.each(EXAMPLES)('examples/%s.ts against the simulator', (name, start, webhook) => {
  it(`greets, answers with a text and a card, and transfers on “人工” (${webhook.format}, ${webhook.mode})`, async () => {
    running = await wire(sim, () => start(exampleOptions(sim)), webhook);
    const user = sim.user(`o_example_${name}`);

    expect(await user.enterSession('order_42')).toMatchObject({ reply: 'success', attempts: 1 });
    const greeting = await user.nextMessage();
    expect(greeting.msgtype).toBe('text');

    expect(await user.say('你好')).toMatchObject({ reply: 'success', attempts: 1 });
    const text = await user.nextMessage();
    expect(text.payload.text).toEqual({ content: '收到：“你好”。这是订单 42 的详情卡片，点开回到小程序。' });
    const card = await user.nextMessage();
    expect(card.msgtype).toBe('miniprogrampage');
    expect(card.payload.miniprogrampage).toMatchObject({
      title: '订单 42',
      pagepath: `${CONTACT_PAGE}?order=42&from=kefu`,
    });
    // The card's cover was uploaded through the API and is a real image of the account.
    const thumb = (card.payload.miniprogrampage as { thumb_media_id: string }).thumb_media_id;
    expect(sim.world.getMedia(exampleOptions(sim).app.appId, thumb)?.contentType).toBe('image/png');

    expect(await user.say('请转人工')).toMatchObject({ reply: 'transfer' });
    expect(user.transferred).toBe(true);
    const kinds = user.conversation().map((entry) => `${entry.from}:${entry.kind}`);
    expect(kinds).toEqual([
      'system:enter',
      'bot:text',
      'user:text',
      'bot:text',
      'bot:miniprogrampage',
      'user:text',
      'system:transfer',
    ]);
  });

  it('answers WeChat’s URL verification and refuses an unsigned push', async () => {
    running = await start(exampleOptions(sim));
    const verify = await fetch(
      `${running.url}?signature=0000000000000000000000000000000000000000&timestamp=1&nonce=2&echostr=3`,
    );
    expect(verify.status).toBe(401);
    const unsigned = await fetch(running.url, { method: 'POST', body: '<xml></xml>' });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    const elsewhere = await fetch(new URL('/other', running.url));
    expect(elsewhere.status).toBe(404);
  });

  it('listens on 127.0.0.1 only, unless given another host', async () => {
    running = await start(exampleOptions(sim));
    expect(running.host).toBe('127.0.0.1');
    expect(new URL(running.url).hostname).toBe('127.0.0.1');
    const port = Number(new URL(running.url).port);
    // Another machine (here: this one through its network interface) cannot connect.
    if (LAN_ADDRESS !== undefined) expect(await accepts(LAN_ADDRESS, port)).toBe(false);
    await running.close();

    running = await start({ ...exampleOptions(sim), host: '0.0.0.0' });
    expect(running.host).toBe('0.0.0.0');
    expect(new URL(running.url).hostname).toBe('127.0.0.1');
    expect((await fetch(running.url)).status).toBe(401); // reachable on loopback, still verifying
    if (LAN_ADDRESS !== undefined) {
      expect(await accepts(LAN_ADDRESS, Number(new URL(running.url).port))).toBe(true);
    }
  });
});

describe('examples/config.ts', () => {
  it('listens on 127.0.0.1 unless HOST says otherwise', () => {
    expect(exampleConfig({}).host).toBe('127.0.0.1');
    expect(exampleConfig({ HOST: '' }).host).toBe('127.0.0.1');
    expect(exampleConfig({ HOST: '0.0.0.0', PORT: '8080' })).toMatchObject({ host: '0.0.0.0', port: 8080 });
    expect(llmConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });
});

/** This machine's first non-loopback IPv4 address, if it has one. */
const LAN_ADDRESS = Object.values(networkInterfaces())
  .flat()
  .find((info) => info !== undefined && info.family === 'IPv4' && !info.internal)?.address;

/** Whether a TCP connection to `host:port` is accepted (false when refused). */
async function accepts(host: string, port: number): Promise<boolean> {
  const socket = connect({ host, port });
  try {
    await once(socket, 'connect');
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') return false;
    throw error;
  } finally {
    socket.destroy();
  }
}

describe('examples/bot.ts without a session-from', () => {
  it('answers with the FAQ card, and a text for images and cards the user sends', async () => {
    running = await wire(sim, () => startNodeHttp(exampleOptions(sim)));
    const user = sim.user('o_example_faq');
    await user.say('在吗');
    await user.nextMessage();
    expect((await user.nextMessage()).payload.miniprogrampage).toMatchObject({
      title: '常见问题',
      pagepath: `${CONTACT_PAGE}?topic=faq&from=kefu`,
    });
    await user.sendMiniProgramCard({ title: '商品 7', pagePath: 'pages/goods/goods?id=7' });
    expect((await user.nextMessage()).payload.text).toEqual({ content: '收到小程序卡片：商品 7' });
    await user.sendImage(PNG);
    expect((await user.nextMessage()).payload.text).toEqual({ content: '收到图片，客服会尽快查看。' });
  });
});
