import { run } from '../../src/cli/run.js';
import { type FakeApi, type FakeApiOptions, startFakeApi } from '../../src/simulator/api/index.js';
import { memoryIo } from '../unit/cli/memory-io.js';

/** The accounts the CLI tests use; their secrets must never appear in any output. */
export const MINI = { appId: 'wx1234567890abcdef', secret: 'cli-mini-secret-0123456789' } as const;
export const OFFICIAL = {
  appId: 'wxfedcba0987654321',
  secret: 'cli-oa-secret-0123456789',
  kind: 'official-account',
} as const;
export const PUSH_TOKEN = 'cli-push-token';
export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

/** Every credential the tests hand the CLI. */
export const CREDENTIALS = [MINI.secret, OFFICIAL.secret, PUSH_TOKEN, AES_KEY];

export function startApi(options: Partial<FakeApiOptions> = {}): Promise<FakeApi> {
  return startFakeApi({ apps: [MINI, OFFICIAL], ...options });
}

/** WECHAT_* variables for the mini program on `api`. */
export function miniEnv(api: FakeApi, extra: Record<string, string> = {}): Record<string, string> {
  return { WECHAT_APP_ID: MINI.appId, WECHAT_SECRET: MINI.secret, WECHAT_BASE_URL: api.url, ...extra };
}

export function officialEnv(api: FakeApi): Record<string, string> {
  return {
    WECHAT_APP_ID: OFFICIAL.appId,
    WECHAT_SECRET: OFFICIAL.secret,
    WECHAT_BASE_URL: api.url,
    WECHAT_KIND: 'official-account',
  };
}

/** Runs `wechat-cs …args` in process; returns its exit code and output. */
export async function cli(
  args: string[],
  env: Record<string, string | undefined>,
  options: { stdin?: string | Buffer; cwd?: string } = {},
) {
  const memory = memoryIo(env, options);
  const code = await run(args, memory.io);
  return {
    code,
    stdout: memory.stdout(),
    stderr: memory.stderr(),
    bytes: memory.stdoutBytes(),
    all: memory.all(),
  };
}

/** A 1×1 PNG (the fake API checks the magic bytes against the name and type). */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
