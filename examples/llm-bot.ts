/**
 * A slow, "LLM-style" bot. A language model often needs longer than the 5 s WeChat waits for a
 * push's answer (SPEC §3.2). The server answers `success` at `server.deadline` (4.5 s) on its
 * own, the handler goes on, and the answer goes out through the customer-service API, which
 * works for 48 h after the user's message (SPEC §4.3). Meanwhile the user sees "正在输入…".
 *
 * Run against the simulator: npx tsx examples/llm-bot.ts   (LLM_THINK_MS=8000 to think longer)
 */
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Application, splitText } from 'wechat-customer-service';
import {
  DEFAULT_HOST,
  type ExampleOptions,
  exampleConfig,
  isMain,
  type RunningExample,
  runFromCommandLine,
  running,
} from './config.js';

export interface LlmBotOptions extends ExampleOptions {
  /** How long the pretend model thinks, in ms. @default 6_000 (past WeChat's 5 s) */
  thinkMs?: number;
}

/** Bubbles of at most this many UTF-8 bytes read better on a phone than one 2 KB wall of text. */
const BUBBLE_BYTES = 300;
/** A user message allows 5 messages (SPEC §4.3); keep one for a follow-up. */
const MAX_BUBBLES = 4;

export async function start(options: LlmBotOptions = llmConfig()): Promise<RunningExample> {
  const app = new Application(options.app);
  const thinkMs = options.thinkMs ?? 6_000;

  app.server.on('text', async (message, ctx) => {
    // "正在输入…" for up to 15 s; WeChat allows it within 30 s of the user's message (SPEC §5).
    await ctx.typing();
    const answer = await pretendModel(message.Content, thinkMs);
    // By now the push was answered `success`: this goes out through the API, in order.
    const bubbles = splitText(answer, BUBBLE_BYTES).slice(0, MAX_BUBBLES);
    for (const bubble of bubbles) {
      // aiGenerated adds WeChat's grey "内容由第三方AI生成" label (SPEC §4.2).
      await app.customerService.message(bubble).to(message.FromUserName).send({ aiGenerated: true });
    }
  });
  app.server.onError((error) => console.error('[llm-bot]', error.message));

  const handle = app.server.toNodeHandler();
  const server = createServer((req, res) => {
    if (req.url?.split('?')[0] === options.path) return void handle(req, res);
    res.writeHead(404).end();
  });
  return running(server.listen(options.port, options.host ?? DEFAULT_HOST), options.path);
}

/** The example's configuration plus LLM_THINK_MS. */
export function llmConfig(env: NodeJS.ProcessEnv = process.env): LlmBotOptions {
  const thinkMs = Number(env.LLM_THINK_MS ?? 6_000);
  return { ...exampleConfig(env), thinkMs };
}

/** Stands in for a call to a language model: slow, and long-winded. */
async function pretendModel(question: string, thinkMs: number): Promise<string> {
  await sleep(thinkMs);
  return [
    `关于“${question}”，我想了 ${(thinkMs / 1000).toFixed(1)} 秒，分几点回答：`,
    '第一，微信只等待 5 秒。机器人在 4.5 秒时先回复 success，之后通过客服消息接口发送答案。',
    '第二，思考期间用户会看到“对方正在输入…”，这是客服输入状态接口，有效 15 秒。',
    '第三，长回答用 splitText 按 UTF-8 字节切分成几条消息，在换行处切开，不会切断汉字或表情。',
    '第四，每条用户消息之后 48 小时内最多可以发 5 条消息，所以这里最多发 4 条。',
  ].join('\n');
}

if (isMain(import.meta.url)) runFromCommandLine(() => start());
