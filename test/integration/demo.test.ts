import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runDemo } from '../../examples/demo.js';

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
});
