import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encryptMessage } from '../../src/server/crypto.js';
import { MINIPROGRAM_NOTICE, type Simulator, startSimulator } from '../../src/simulator/index.js';
import { APP, deferred, type Listening, listen, startBot } from './simulator-bot-helpers.js';

/** WeChat's side of failures: notices, retries, deadlines (SPEC §3.1, §3.2). */
let sim: Simulator;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  // WeChat's own 5 s: these bots answer at once, so no test here waits for it.
  sim = await startSimulator({ apps: [{ ...APP }], retries: 2 });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

afterAll(async () => {
  await sim?.stop();
});

/** A webhook that answers every push with `answer(body)` and records what it got. */
async function rawWebhook(answer: (req: IncomingMessage, body: string) => string | undefined) {
  const seen: Array<{ url: string; body: string }> = [];
  const http = await listen((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ url: req.url ?? '', body });
      const reply = answer(req, body);
      if (reply !== undefined) res.end(reply); // undefined: never answer
    });
  });
  cleanups.push(http.close);
  return { http, seen };
}

function use(http: Listening, format: 'xml' | 'json', mode: 'plain' | 'compatible' | 'safe') {
  sim.setWebhook(APP.appId, `${http.url}/wechat`, { format, mode });
}

describe('the "暂时无法提供服务" notice', () => {
  it('appears when the bot cannot decrypt (a different aesKey → HTTP 400)', async () => {
    const bot = await startBot(sim.url, { aesKey: 'Z'.repeat(43) });
    cleanups.push(bot.close);
    sim.setWebhook(APP.appId, bot.webhook, { format: 'xml', mode: 'safe' });
    const user = sim.user('o_wrong_key');
    const outcome = await user.say('hi');
    expect(outcome).toMatchObject({ status: 400, reply: 'invalid', attempts: 1, notice: MINIPROGRAM_NOTICE });
    expect(outcome.problem).toContain('HTTP 400');
    expect(user.conversation().at(-1)).toMatchObject({
      from: 'system',
      kind: 'notice',
      text: MINIPROGRAM_NOTICE,
    });
  });

  it('appears when the bot has another Token (HTTP 401)', async () => {
    const bot = await startBot(sim.url, { token: 'anotherToken' });
    cleanups.push(bot.close);
    sim.setWebhook(APP.appId, bot.webhook, { format: 'json', mode: 'plain' });
    expect(await sim.user('o_wrong_token').say('hi')).toMatchObject({
      status: 401,
      notice: MINIPROGRAM_NOTICE,
    });
  });

  it('appears for an answer that is not success, empty or a message', async () => {
    const { http } = await rawWebhook(() => 'hello');
    use(http, 'xml', 'plain');
    const outcome = await sim.user('o_garbage').say('hi');
    expect(outcome).toMatchObject({ status: 200, reply: 'invalid', notice: MINIPROGRAM_NOTICE });
  });

  it('appears for a plaintext transfer in safe mode', async () => {
    const { http } = await rawWebhook(
      () =>
        `<xml><ToUserName><![CDATA[o_plain_transfer]]></ToUserName><FromUserName><![CDATA[gh_1234567890ab]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[transfer_customer_service]]></MsgType></xml>`,
    );
    use(http, 'xml', 'safe');
    const user = sim.user('o_plain_transfer');
    const outcome = await user.say('人工');
    expect(outcome).toMatchObject({
      reply: 'invalid',
      problem: expect.stringContaining('must be encrypted'),
    });
    expect(user.transferred).toBe(false);
    use(http, 'xml', 'compatible');
    expect(await user.say('人工')).toMatchObject({ reply: 'transfer' });
    expect(user.transferred).toBe(true);
  });

  it('appears for an encrypted transfer whose MsgSignature is wrong', async () => {
    const transfer = JSON.stringify({
      ToUserName: 'o_bad_signature',
      FromUserName: 'gh_1234567890ab',
      CreateTime: 1,
      MsgType: 'transfer_customer_service',
    });
    const encrypt = encryptMessage({ aesKey: APP.aesKey, receiveId: APP.appId, message: transfer });
    const { http } = await rawWebhook(() =>
      JSON.stringify({ Encrypt: encrypt, MsgSignature: '0'.repeat(40), TimeStamp: 1, Nonce: '1' }),
    );
    use(http, 'json', 'safe');
    const outcome = await sim.user('o_bad_signature').say('人工');
    expect(outcome).toMatchObject({ reply: 'invalid', problem: expect.stringContaining('MsgSignature') });
  });
});

describe('deadline and retries', () => {
  it('re-sends the same push after a timeout, and the bot handles it once', async () => {
    // The first attempt waits out the whole deadline: 2 s keeps the test short and still leaves
    // the retry ample time on a busy machine.
    const quick = await startSimulator({ apps: [{ ...APP }], deadlineMs: 2_000 });
    cleanups.push(() => quick.stop());
    const bot = await startBot(quick.url);
    cleanups.push(bot.close);
    let handled = 0;
    bot.app.server.on('text', () => {
      handled++;
      return '收到';
    });
    const botHandler = bot.app.server.toNodeHandler();
    const requests: string[] = [];
    // The first request hangs (a slow bot); the retry reaches the real handler.
    const slow = await listen((req, res) => {
      requests.push(req.url ?? '');
      if (requests.length > 1) botHandler(req, res).catch(() => res.destroy());
    });
    cleanups.push(slow.close);
    quick.setWebhook(APP.appId, `${slow.url}/wechat`, { format: 'xml', mode: 'safe' });
    const user = quick.user('o_slow');
    expect(await user.say('在吗')).toEqual({ status: 200, reply: 'success', attempts: 2 });
    expect((await user.nextMessage()).payload).toMatchObject({ text: { content: '收到' } });
    expect(handled).toBe(1);
    expect(requests[1]).toBe(requests[0]);
  });

  it('gives up after the retries and shows the notice', async () => {
    // Every attempt hangs, so a short deadline cannot race an answer.
    const quick = await startSimulator({ apps: [{ ...APP }], deadlineMs: 200, retries: 2 });
    cleanups.push(() => quick.stop());
    const { http, seen } = await rawWebhook(() => undefined);
    quick.setWebhook(APP.appId, `${http.url}/wechat`, { format: 'json', mode: 'compatible' });
    const user = quick.user('o_never');
    const outcome = await user.say('hi');
    expect(outcome).toMatchObject({
      status: undefined,
      reply: 'timeout',
      attempts: 3,
      notice: MINIPROGRAM_NOTICE,
    });
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((s) => `${s.url}\n${s.body}`)).size).toBe(1);
    expect(user.conversation().filter((line) => line.from === 'system')).toHaveLength(1);
  });

  it('reports an unreachable webhook', async () => {
    const { http } = await rawWebhook(() => 'success');
    const url = http.url;
    await http.close();
    sim.setWebhook(APP.appId, `${url}/wechat`, { format: 'xml', mode: 'plain' });
    const outcome = await sim.user('o_unreachable').say('hi');
    expect(outcome).toMatchObject({ reply: 'unreachable', attempts: 3, notice: MINIPROGRAM_NOTICE });
  });

  it('shows no notice when the SDK answers success at its own deadline and replies later', async () => {
    const bot = await startBot(sim.url, { server: { deadline: 200 } });
    cleanups.push(bot.close);
    const { promise: gate, resolve: open } = deferred();
    bot.app.server.on('text', async () => {
      await gate;
      return '久等了';
    });
    sim.setWebhook(APP.appId, bot.webhook, { format: 'json', mode: 'safe' });
    const user = sim.user('o_llm');
    expect(await user.say('写首诗')).toEqual({ status: 200, reply: 'success', attempts: 1 });
    open();
    expect((await user.nextMessage()).payload).toMatchObject({ text: { content: '久等了' } });
  });
});

describe('without a webhook', () => {
  it('delivers nothing but still opens the sending window', async () => {
    sim.setWebhook(APP.appId, undefined);
    const bot = await startBot(sim.url);
    cleanups.push(bot.close);
    const user = sim.user('o_no_hook');
    expect(await user.say('hi')).toEqual({ status: undefined, reply: 'no-webhook', attempts: 0 });
    await bot.app.customerService.message('主动消息').to('o_no_hook').send();
    expect((await user.nextMessage()).payload).toMatchObject({ text: { content: '主动消息' } });
  });
});
