import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeApi } from '../../src/simulator/api/index.js';
import { MINI, miniEnv, startApi } from './cli-helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = 'src/cli/index.ts';

/** The parent's environment without any WECHAT_* variable, plus `env`. */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('WECHAT_')),
  );
  return { ...clean, ...env };
}

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function collect(child: ChildProcess, stdin?: string): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  child.stdin?.end(stdin ?? '');
  return once(child, 'close').then(([code, signal]) => ({ code, signal, stdout, stderr }) as Finished);
}

/** `npx tsx src/cli/index.ts …args`, as a user would run the binary from a checkout. */
function wechatCs(args: string[], env: Record<string, string>, stdin?: string): Promise<Finished> {
  const child = spawn('npx', ['tsx', ENTRY, ...args], { cwd: ROOT, env: childEnv(env) });
  return collect(child, stdin);
}

let api: FakeApi;

beforeAll(async () => {
  api = await startApi();
});

afterAll(async () => {
  await api.close();
});

describe('wechat-cs as a child process', { timeout: 60_000 }, () => {
  it('prints help with exit code 0 and fails without a command with exit code 2', async () => {
    const help = await wechatCs(['--help'], {});
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: wechat-cs <command>');
    const bare = await wechatCs([], {});
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('Usage: wechat-cs <command>');
  });

  it('exits 78 without configuration', async () => {
    const result = await wechatCs(['send', 'o_user', 'hi'], {});
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('appId: is required for `send`');
  });

  it('sends a message piped on stdin, with the configuration from the environment', async () => {
    api.world.userSent(MINI.appId, 'o_process_user');
    const result = await wechatCs(['send', 'o_process_user', '-'], miniEnv(api), '来自管道的消息\n');
    expect(result).toMatchObject({ code: 0, stdout: 'sent text to o_process_user\n' });
    expect(api.world.messages(MINI.appId, 'o_process_user')[0]?.payload.text).toEqual({
      content: '来自管道的消息',
    });
  });

  it('prints only the token with token --reveal, for $(…)', async () => {
    const result = await wechatCs(['token', '--reveal'], miniEnv(api));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^[\w-]{20,512}\n$/);
    expect(result.stderr).toBe('');
  });

  it('exits 1 when WeChat refuses', async () => {
    const result = await wechatCs(['typing', 'o_unknown_user'], miniEnv(api));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('40003');
  });

  it('stops a hanging call on Ctrl-C with exit code 130', async () => {
    api.world.userSent(MINI.appId, 'o_process_slow');
    api.world.inject('/cgi-bin/message/custom/send', { delayMs: 60_000 });
    const tokensBefore = api.world.tokenRequests(MINI.appId);
    // node directly (not npx), so the signal reaches the CLI's own process.
    const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, 'send', 'o_process_slow', 'hi'], {
      cwd: ROOT,
      env: childEnv(miniEnv(api)),
    });
    const finished = collect(child);
    // Wait until this process has its token (the send, delayed, comes next), then press Ctrl-C.
    await waitFor(() => api.world.tokenRequests(MINI.appId) > tokensBefore);
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill('SIGINT');
    expect((await finished).code).toBe(130);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  if (!condition()) throw new Error('condition not met within 20 s');
}
