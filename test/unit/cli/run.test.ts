import { describe, expect, it } from 'vitest';
import pkg from '../../../package.json' with { type: 'json' };
import { ExitCode } from '../../../src/cli/command.js';
import { COMMANDS } from '../../../src/cli/commands/index.js';
import { run } from '../../../src/cli/run.js';
import { memoryIo } from './memory-io.js';

describe('wechat-cs dispatch', () => {
  it('lists every command in --help and exits 0', async () => {
    const { io, stdout } = memoryIo();
    expect(await run(['--help'], io)).toBe(ExitCode.ok);
    for (const command of COMMANDS) expect(stdout()).toContain(`  ${command.name}`);
    expect(stdout()).toContain('WECHAT_APP_ID');
  });

  it('prints the overview on stderr and exits 2 without a command', async () => {
    const { io, stdout, stderr } = memoryIo();
    expect(await run([], io)).toBe(ExitCode.usage);
    expect(stdout()).toBe('');
    expect(stderr()).toContain('Usage: wechat-cs <command>');
  });

  it('refuses an unknown command with exit code 2', async () => {
    const { io, stderr } = memoryIo();
    expect(await run(['sned'], io)).toBe(ExitCode.usage);
    expect(stderr()).toContain('unknown command "sned"');
  });

  it('prints the version', async () => {
    const { io, stdout } = memoryIo();
    expect(await run(['--version'], io)).toBe(ExitCode.ok);
    expect(stdout().trim()).toBe(pkg.version);
  });

  it.each(COMMANDS.map((c) => c.name))('%s --help shows its usage and the configuration', async (name) => {
    const { io, stdout } = memoryIo();
    expect(await run([name, '--help'], io)).toBe(ExitCode.ok);
    expect(stdout()).toContain(`Usage: wechat-cs ${name}`);
    expect(stdout()).toContain('WECHAT_SECRET');
    expect(stdout()).toContain('Exit codes');
    const viaHelp = memoryIo();
    await run(['help', name], viaHelp.io);
    expect(viaHelp.stdout()).toBe(stdout());
  });

  it('shows help even beside flags that would not parse', async () => {
    const { io, stdout } = memoryIo();
    expect(await run(['send', '--bogus', '-h'], io)).toBe(ExitCode.ok);
    expect(stdout()).toContain('Usage: wechat-cs send');
  });

  it('answers bad flags with exit code 2 and a pointer to --help', async () => {
    const { io, stderr } = memoryIo();
    expect(await run(['typing', '--bogus'], io)).toBe(ExitCode.usage);
    expect(stderr()).toContain("wechat-cs typing: Unknown option '--bogus'");
    expect(stderr()).toContain("Run 'wechat-cs typing --help'");
  });

  it('answers missing configuration with exit code 78, naming the variable', async () => {
    const { io, stderr } = memoryIo({ WECHAT_APP_ID: 'wx1111111111111111' });
    expect(await run(['send', 'o_user', 'hi'], io)).toBe(ExitCode.config);
    expect(stderr()).toContain('secret: is required for `send`');
    expect(stderr()).toContain('WECHAT_SECRET');
  });

  it('prints an error as JSON on stdout with --json', async () => {
    const { io, stdout } = memoryIo({});
    expect(await run(['token', '--json'], io)).toBe(ExitCode.config);
    expect(JSON.parse(stdout())).toEqual({
      ok: false,
      error: expect.objectContaining({ name: 'ConfigError', option: 'appId' }),
    });
  });

  it('never echoes a secret given on the command line or in the environment', async () => {
    const env = { WECHAT_SECRET: 'env-secret-123456', WECHAT_APP_ID: 'not-an-app-id' };
    const { io, all } = memoryIo(env);
    const code = await run(
      ['send', 'o_user', 'env-secret-123456', '--token=flag-token-987', '--aes-key', 'key-abcdef'],
      io,
    );
    expect(code).toBe(ExitCode.config);
    // The bad appId is echoed (it is not a secret); the secrets never are, even as message text.
    expect(all()).toContain('not-an-app-id');
    for (const secret of ['env-secret-123456', 'flag-token-987', 'key-abcdef'])
      expect(all()).not.toContain(secret);
  });
});
