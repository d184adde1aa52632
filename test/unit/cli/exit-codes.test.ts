import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../../src/cli/command.js';
import { COMMANDS } from '../../../src/cli/commands/index.js';
import { run } from '../../../src/cli/run.js';
import { memoryIo } from './memory-io.js';

/**
 * One rule for every command: a value outside a flag's choices (or a bad number) is a usage
 * error, exit 2, whether a flag or its WECHAT_* variable gave it; a missing or malformed
 * credential or URL is configuration, exit 78.
 */

/** Arguments each command needs besides configuration (so only the value under test is wrong). */
const ARGUMENTS: Readonly<Record<string, string[]>> = {
  simulate: ['--port', '0'],
  send: ['o_user', 'hi'],
  typing: ['o_user'],
  upload: ['package.json'],
  download: ['MEDIA_ID', '-o', '-'],
  token: [],
  check: ['--skip-api'],
};

const APP = { WECHAT_APP_ID: 'wx1234567890abcdef', WECHAT_SECRET: 'exit-code-secret' };

/** Runs in process. Ctrl-C is already pressed, so a `simulate` that wrongly starts stops at once. */
async function exitCode(args: string[], env: Record<string, string> = APP) {
  const memory = memoryIo(env);
  memory.interrupt();
  const code = await run(args, memory.io);
  return { code, stderr: memory.stderr() };
}

const names = COMMANDS.map((command) => command.name);

describe('exit codes, the same for every command', () => {
  it('covers every command', () => {
    expect(Object.keys(ARGUMENTS).sort()).toEqual([...names].sort());
  });

  it.each(names)('%s: an unknown --kind or WECHAT_KIND is a usage error (2)', async (name) => {
    const flag = await exitCode([name, ...(ARGUMENTS[name] ?? []), '--kind', 'weapp']);
    expect(flag).toMatchObject({ code: ExitCode.usage });
    expect(flag.stderr).toContain(
      '--kind or WECHAT_KIND must be miniprogram or official-account, got "weapp"',
    );
    const variable = await exitCode([name, ...(ARGUMENTS[name] ?? [])], { ...APP, WECHAT_KIND: 'weapp' });
    expect(variable.code).toBe(ExitCode.usage);
  });

  it('token --classic --force-refresh is a usage error (2): the classic endpoint cannot force a refresh', async () => {
    const result = await exitCode(['token', '--classic', '--force-refresh']);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toContain('--force-refresh is a stable_token feature');
  });

  it.each([
    ['check', '--format', 'yaml'],
    ['simulate', '--format', 'yaml'],
    ['check', '--mode', 'secure'],
    ['simulate', '--mode', 'secure'],
    ['upload', '--type', 'gif'],
    ['send', '--timeout', 'soon'],
    ['simulate', '--port', 'x'],
  ])('%s %s %s is a usage error (2)', async (name, flag, value) => {
    const result = await exitCode([name, ...(ARGUMENTS[name] ?? []), flag, value]);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toContain(JSON.stringify(value));
    expect(result.stderr).toContain(`wechat-cs ${name} --help`);
  });

  it('simulate: a bad WECHAT_FORMAT or WECHAT_MODE, or JSON for an official account, is a usage error (2)', async () => {
    const format = await exitCode(['simulate', '--port', '0'], { WECHAT_FORMAT: 'yaml' });
    expect(format.code).toBe(ExitCode.usage);
    expect(format.stderr).toContain('--format or WECHAT_FORMAT must be xml or json, got "yaml"');
    expect((await exitCode(['simulate', '--port', '0'], { WECHAT_MODE: 'secure' })).code).toBe(
      ExitCode.usage,
    );
    const official = await exitCode([
      'simulate',
      '--port',
      '0',
      '--kind',
      'official-account',
      '--format',
      'json',
    ]);
    expect(official.code).toBe(ExitCode.usage);
    expect(official.stderr).toContain('official accounts push XML only');
  });

  it.each(['send', 'typing', 'upload', 'download', 'token'])(
    '%s: a missing or malformed appId or secret is configuration (78)',
    async (name) => {
      const args = [name, ...(ARGUMENTS[name] ?? [])];
      expect((await exitCode(args, {})).code).toBe(ExitCode.config);
      expect((await exitCode(args, { WECHAT_APP_ID: APP.WECHAT_APP_ID })).code).toBe(ExitCode.config);
      expect((await exitCode(args, { ...APP, WECHAT_APP_ID: 'gh_0123456789ab' })).code).toBe(ExitCode.config);
      expect((await exitCode(args, { ...APP, WECHAT_SECRET: ' padded ' })).code).toBe(ExitCode.config);
    },
  );

  it('simulate: a malformed aesKey or webhook is configuration (78)', async () => {
    for (const flags of [
      ['--aes-key', 'short'],
      ['--webhook', 'ftp://x'],
    ]) {
      expect((await exitCode(['simulate', '--port', '0', ...flags], {})).code).toBe(ExitCode.config);
    }
  });

  it('says so in every help text', () => {
    for (const command of COMMANDS) {
      expect(command.help).toMatch(/2 bad arguments or option\s+values/);
      expect(command.help).toMatch(/78 bad configuration/);
    }
  });
});
