import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningExample } from '../../examples/config.js';
import { start } from '../../examples/llm-bot.js';
import type { DeliveredMessage, Simulator, TypingEvent } from '../../src/simulator/index.js';
import { exampleOptions, startDemoSimulator, wire } from './examples-helpers.js';

let sim: Simulator;
let running: RunningExample;

beforeAll(async () => {
  sim = await startDemoSimulator();
  // A short deadline and a model that thinks past it: the answer must come through the API.
  running = await wire(sim, () =>
    start({ ...exampleOptions(sim, { server: { deadline: 200 } }), thinkMs: 1_500 }),
  );
});

afterAll(async () => {
  await running.close();
  await sim.stop();
});

describe('examples/llm-bot.ts', () => {
  it('listens on 127.0.0.1 (the demo credentials are public)', () => {
    expect(running.host).toBe('127.0.0.1');
  });

  it('answers success at the deadline, shows typing, then sends the answer in bubbles through the API', async () => {
    const typing: TypingEvent[] = [];
    const unsubscribe = sim.world.onTyping((event) => typing.push(event));
    const user = sim.user('o_llm_user');

    const outcome = await user.say('什么是客服消息？');
    // WeChat got its answer before the model finished: nothing from the bot yet.
    expect(outcome).toMatchObject({ reply: 'success', attempts: 1 });
    expect(user.conversation().filter((entry) => entry.from === 'bot')).toEqual([]);

    const contentOf = (message: DeliveredMessage) => (message.payload.text as { content: string }).content;
    const bubbles: DeliveredMessage[] = [];
    do bubbles.push(await user.nextMessage({ timeout: 15_000 }));
    while (!contentOf(bubbles[bubbles.length - 1] as DeliveredMessage).includes('第四'));
    unsubscribe();
    expect(typing[0]).toMatchObject({ openid: 'o_llm_user', command: 'Typing' });
    const contents = bubbles.map(contentOf);
    expect(contents.length).toBeGreaterThan(1);
    expect(contents.length).toBeLessThanOrEqual(4);
    expect(contents[0]).toMatch(/^关于“什么是客服消息？”，我想了 1\.5 秒/);
    for (const content of contents) expect(Buffer.byteLength(content)).toBeLessThanOrEqual(300);
    // Split on line breaks only: joined back, the five lines of the answer are all there.
    expect(contents.join('\n').split('\n')).toHaveLength(5);
    for (const bubble of bubbles) expect(bubble.payload.aimsgcontext).toEqual({ is_ai_msg: 1 });
  });
});
