import { PassThrough } from 'node:stream';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import type { CommandIo } from '../../src/cli/command.js';
import { simulateCommand, transcriptLine } from '../../src/cli/commands/simulate.js';
import { TransferCustomerService } from '../../src/index.js';
import { APP, deferred, startBot } from './simulator-bot-helpers.js';

/** An in-process `wechat-cs` environment whose Ctrl-C the test presses. */
function testIo(env: Record<string, string> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const { promise: interrupted, resolve: interrupt } = deferred();
  const io = { stdout, stderr, env, cwd: process.cwd(), interrupted } as unknown as CommandIo;
  return { io, interrupt, stdout: () => out, stderr: () => err };
}

/** Waits until `read()` holds a complete JSON document. */
async function jsonFrom(read: () => string): Promise<Record<string, string>> {
  for (let i = 0; i < 500; i++) {
    try {
      return JSON.parse(read()) as Record<string, string>;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  throw new Error(`no JSON on stdout: ${read()}`);
}

describe('wechat-cs simulate', () => {
  it('runs with no configuration, prints generated credentials, serves, and stops on Ctrl-C', async () => {
    const t = testIo();
    const exit = simulateCommand.run(['--port', '0', '--json'], t.io);
    const info = await jsonFrom(t.stdout);
    expect(info).toMatchObject({ format: 'xml', mode: 'safe', webhook: null });
    expect(info.appId).toMatch(/^wx[0-9a-f]{16}$/);
    expect(info.aesKey).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(info.token).toMatch(/^[A-Za-z0-9]{32}$/);
    const token = await request(
      `${info.url}/cgi-bin/token?grant_type=client_credential&appid=${info.appId}&secret=${info.secret}`,
    );
    expect(await token.body.json()).toMatchObject({ access_token: expect.any(String) });
    const page = await request(info.chatUrl ?? '');
    expect(page.statusCode).toBe(200);
    await page.body.dump();
    t.interrupt();
    expect(await exit).toBe(0);
    expect(t.stderr()).toContain('Chat page');
  });

  it('takes credentials from WECHAT_* variables and never prints them', async () => {
    const env = {
      WECHAT_APP_ID: APP.appId,
      WECHAT_SECRET: APP.secret,
      WECHAT_TOKEN: APP.token,
      WECHAT_AES_KEY: APP.aesKey,
      WECHAT_FORMAT: 'json',
    };
    const t = testIo(env);
    const exit = simulateCommand.run(['--port', '0', '--json', '--mode', 'compatible'], t.io);
    const info = await jsonFrom(t.stdout);
    try {
      expect(info).toMatchObject({ appId: APP.appId, format: 'json', mode: 'compatible' });
      expect(info.secret).toBeUndefined();
      const token = await request(
        `${info.url}/cgi-bin/token?grant_type=client_credential&appid=${APP.appId}&secret=${APP.secret}`,
      );
      expect(await token.body.json()).toMatchObject({ access_token: expect.any(String) });
      const action = await request(`${info.url}/sim/action`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'say', openid: 'o_cli', text: 'hi' }),
      });
      expect(await action.body.json()).toEqual({ reply: 'no-webhook', attempts: 0 });
    } finally {
      t.interrupt();
      expect(await exit).toBe(0);
    }
    for (const secret of [APP.secret, APP.token, APP.aesKey]) {
      expect(t.stdout()).not.toContain(secret);
      expect(t.stderr()).not.toContain(secret);
    }
    expect(t.stderr()).toContain('[o_cli] user → "hi"');
  });

  it('delivers to --webhook', async () => {
    const t = testIo({ WECHAT_APP_ID: APP.appId, WECHAT_SECRET: APP.secret, WECHAT_TOKEN: APP.token });
    // A passive transfer needs no API, so the bot's baseUrl does not matter here.
    const bot = await startBot('http://127.0.0.1:9');
    bot.app.server.on('text', () => new TransferCustomerService());
    const exit = simulateCommand.run(
      ['--port', '0', '--json', '--webhook', bot.webhook, '--aes-key', APP.aesKey, '--mode', 'safe'],
      t.io,
    );
    const info = await jsonFrom(t.stdout);
    try {
      expect(info.webhook).toBe(bot.webhook);
      const action = await request(`${info.url}/sim/action`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'say', openid: 'o_cli', text: '转人工' }),
      });
      expect(await action.body.json()).toEqual({ status: 200, reply: 'transfer', attempts: 1 });
    } finally {
      t.interrupt();
      expect(await exit).toBe(0);
      await bot.close();
    }
    expect(t.stderr()).toContain('handed to a human agent');
  });

  it('prints help, and refuses bad flags and values (2) and bad configuration (78)', async () => {
    const help = testIo();
    expect(await simulateCommand.run(['--help'], help.io)).toBe(0);
    expect(help.stdout()).toContain('Usage: wechat-cs simulate');
    expect(simulateCommand.help).toContain('WECHAT_WEBHOOK');

    const badFlag = testIo();
    expect(await simulateCommand.run(['--colour'], badFlag.io)).toBe(2);
    const badPort = testIo();
    expect(await simulateCommand.run(['--port', 'x'], badPort.io)).toBe(2);

    // A value outside a setting's choices is a bad argument too, from a flag or its variable.
    const badMode = testIo({ WECHAT_MODE: 'secret-mode' });
    expect(await simulateCommand.run(['--port', '0'], badMode.io)).toBe(2);
    expect(badMode.stderr()).toContain('WECHAT_MODE');
    const badFormat = testIo();
    expect(await simulateCommand.run(['--port', '0', '--format', 'yaml'], badFormat.io)).toBe(2);
    const official = testIo();
    expect(
      await simulateCommand.run(
        ['--port', '0', '--kind', 'official-account', '--format', 'json'],
        official.io,
      ),
    ).toBe(2);

    const badKey = testIo();
    expect(await simulateCommand.run(['--port', '0', '--aes-key', 'short'], badKey.io)).toBe(78);
  });

  it('describes chat lines for the transcript', () => {
    expect(transcriptLine({ id: 1, at: 0, from: 'system', kind: 'enter', sessionFrom: 'x' }, 'o1')).toBe(
      '[o1] entered the chat (session-from "x")',
    );
    expect(
      transcriptLine({ id: 2, at: 0, from: 'system', kind: 'notice', text: 'N', problem: 'P' }, 'o1'),
    ).toBe('[o1] WeChat showed "N": P');
  });
});
