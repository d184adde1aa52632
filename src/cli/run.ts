import pkg from '../../package.json' with { type: 'json' };
import { type Command, type CommandIo, ExitCode } from './command.js';
import { COMMANDS } from './commands/index.js';

/** The text of `wechat-cs --help`. */
export function overview(commands: readonly Command[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `wechat-cs ${pkg.version}: WeChat customer-service messages (客服消息) from the shell

Usage: wechat-cs <command> [options]

Commands:
${list}

Configuration comes from flags or the environment: WECHAT_APP_ID, WECHAT_SECRET, WECHAT_TOKEN,
WECHAT_AES_KEY, WECHAT_BASE_URL (the simulator's URL, or api2.weixin.qq.com …), WECHAT_KIND.

Run 'wechat-cs <command> --help' for a command's options.`;
}

/**
 * Runs `wechat-cs` with `args` (without `node` and the script) and returns the exit code. Used
 * by the binary and, in process, by tests.
 *
 * @example process.exitCode = await run(['send', openid, 'hello'], io);
 */
export async function run(args: readonly string[], io: CommandIo, commands = COMMANDS): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    // Without a command it is a usage error: the text goes to stderr and the exit code is 2.
    (name === undefined ? io.stderr : io.stdout).write(`${topic?.help ?? overview(commands)}\n`);
    return name === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${pkg.version}\n`);
    return ExitCode.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    io.stderr.write(
      `wechat-cs: unknown command ${JSON.stringify(name)}\nRun 'wechat-cs --help' for the list.\n`,
    );
    return ExitCode.usage;
  }
  return command.run(rest, io);
}
