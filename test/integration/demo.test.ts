import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../../examples/demo.js';
import type { ConversationSnapshot } from '../../src/simulator/chat/store.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The scripted conversation, in order, as the demo prints it. */
const SCRIPT = [
  '  ·  the user opens the chat from <button open-type="contact" session-from="order_123">',
  '  bot  ‹ 你好！我是示例客服机器人。发送任意文字获取订单卡片，发送“人工”转人工客服。',
  '  user › 你好，我想查一下订单',
  '  bot  ‹ 收到：“你好，我想查一下订单”。这是订单 123 的详情卡片，点开回到小程序。',
  '  bot  ‹ [mini-program card] "订单 123" → pages/contact/contact?order=123&from=kefu',
  '         tapping it returns to the mini program: bindcontact gets path "pages/contact/contact", query {"order":"123","from":"kefu"}',
  '  user › 我要转人工',
  '  ·  WeChat hands the user to a human agent (transfer_customer_service)',
];

describe('npm run demo', () => {
  it('prints the chat page and plays the scripted conversation in order (in process)', async () => {
    const lines: string[] = [];
    const demo = await runDemo({ once: true, port: 0, log: (line) => lines.push(line) });
    try {
      expect(lines.some((line) => line.includes(`Chat page    ${demo.chatUrl}`))).toBe(true);
      const page = await fetch(demo.chatUrl);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html');
      const start = lines.indexOf('Scripted conversation:');
      expect(lines.slice(start + 1, start + 1 + SCRIPT.length)).toEqual(SCRIPT);
      // After the script the demo keeps running: a user typing on the page gets the bot's answer.
      await chatAsPageUser(demo.chatUrl, 'o_me', 'hi');
    } finally {
      await demo.stop();
    }
  });

  it('runs as `tsx examples/demo.ts --once` and exits 0 after the script', { timeout: 60_000 }, async () => {
    const child = spawn('npx', ['tsx', 'examples/demo.ts', '--once'], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const [code] = await once(child, 'close');
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/Chat page {4}http:\/\/127\.0\.0\.1:\d+\/chat/);
    expect(stdout).toContain(SCRIPT.join('\n'));
  });

  it('runs as `tsx examples/demo.ts`, keeps answering on the page after the script, stops on Ctrl-C', {
    timeout: 60_000,
  }, async () => {
    const child = spawn(TSX, ['examples/demo.ts'], { cwd: ROOT });
    const output = collect(child);
    const closed = once(child, 'close');
    try {
      const chatUrl = await waitFor(child, () => /Keep chatting at (\S+)/.exec(output.stdout())?.[1], output);
      expect(output.stdout()).toContain(SCRIPT.join('\n'));
      await chatAsPageUser(chatUrl, 'o_me', 'hi');
      expect(child.exitCode).toBeNull();
      child.kill('SIGINT');
      const [code] = await closed;
      expect({ code, stderr: output.stderr() }).toEqual({ code: 0, stderr: '' });
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});

/** tsx itself rather than `npx tsx`, so SIGINT reaches the demo as Ctrl-C would. */
const TSX = fileURLToPath(new URL('node_modules/.bin/tsx', new URL('../../', import.meta.url)));

/** The bot's answer to any text from a user who did not come from an order button (examples/bot.ts). */
const faqAnswer = (text: string) => `收到：“${text}”。这是常见问题卡片，点开回到小程序。`;

/**
 * Does what the chat page does when `openid` types `text` (POST /sim/action, as
 * src/simulator/web/client-app.ts) and polls /sim/state, as the page loads it, until the bot's
 * answer is in that user's conversation.
 */
async function chatAsPageUser(chatUrl: string, openid: string, text: string): Promise<void> {
  const origin = new URL(chatUrl).origin;
  const action = await fetch(`${origin}/sim/action`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ openid, action: 'say', text }),
  });
  expect(action.status).toBe(200);
  const botTexts = async () => {
    const state = (await (await fetch(`${origin}/sim/state`)).json()) as {
      conversations: ConversationSnapshot[];
    };
    const mine = state.conversations.find((c) => c.openid === openid);
    return (mine?.entries ?? []).flatMap((e) => (e.from === 'bot' && e.kind === 'text' ? [e.text] : []));
  };
  await expect.poll(botTexts, { timeout: 20_000, interval: 100 }).toContain(faqAnswer(text));
}

function collect(child: ChildProcessWithoutNullStreams) {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return { stdout: () => stdout, stderr: () => stderr };
}

/**
 * Polls `read` until it returns a value (the child printed it); fails with the output so far if
 * the child exits first.
 */
async function waitFor<T>(
  child: ChildProcessWithoutNullStreams,
  read: () => T | undefined,
  output: ReturnType<typeof collect>,
): Promise<T> {
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the demo exited (${child.exitCode ?? child.signalCode}):\n${output.stdout()}\n${output.stderr()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
