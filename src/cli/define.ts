import { COMMON_OPTIONS, type OptionsConfig, parse, type Values, wantsHelp } from './args.js';
import type { Command, CommandIo } from './command.js';
import { type CliConfig, CONFIG_HELP, CONFIG_OPTIONS, protect, readConfig } from './config.js';
import { describeFailure, exitCodeFor, failureJson } from './failure.js';
import { Output } from './output.js';

/** Every option a command of {@link defineCommand} parses: its own, the configuration, the common. */
export type AllOptions<O extends OptionsConfig> = typeof COMMON_OPTIONS & typeof CONFIG_OPTIONS & O;

/** What a command's `run` gets: parsed flags, configuration and a redacting output. */
export interface CommandContext<O extends OptionsConfig> {
  readonly values: Values<AllOptions<O>>;
  readonly positionals: string[];
  readonly io: CommandIo;
  readonly out: Output;
  readonly config: CliConfig;
}

/** A command described by its flags and a `run` that may throw; see {@link defineCommand}. */
export interface CommandSpec<O extends OptionsConfig> {
  name: string;
  summary: string;
  /** Usage lines, description and the command's own options; the configuration section is added. */
  usage: string;
  options: O;
  run(context: CommandContext<O>): Promise<number>;
}

const COMMON_HELP = `Output:
  --json              print the result (or the error) as JSON on stdout, for scripts
  -h, --help          show this help

Exit codes: 0 ok, 1 WeChat or the network refused, 2 bad arguments or option values (an unknown
--kind, --format or --mode, a bad number), 78 bad configuration (a missing or malformed AppID,
AppSecret, Token, EncodingAESKey or API URL).`;

/**
 * Builds a {@link Command} that handles `--help`, strict flag parsing, configuration from flags
 * and `WECHAT_*` variables, redaction, and turning any error into a message and an exit code.
 */
export function defineCommand<const O extends OptionsConfig>(spec: CommandSpec<O>): Command {
  const options = { ...COMMON_OPTIONS, ...CONFIG_OPTIONS, ...spec.options } as AllOptions<O>;
  const help = `${spec.usage.trimEnd()}\n\n${CONFIG_HELP}\n\n${COMMON_HELP}`;
  return {
    name: spec.name,
    summary: spec.summary,
    help,
    async run(args, io) {
      if (wantsHelp(args)) {
        io.stdout.write(`${help}\n`);
        return 0;
      }
      const out = new Output(io, args.includes('--json'));
      protectRaw(args, io.env, out);
      try {
        const { values, positionals } = parse(args, options);
        const config = readConfig(values, io.env);
        protect(config, out);
        return await spec.run({ values, positionals, io, out, config });
      } catch (error) {
        if (out.json) out.printJson({ ok: false, error: failureJson(error) });
        out.note(`wechat-cs ${spec.name}: ${describeFailure(error, spec.name)}`);
        return exitCodeFor(error);
      }
    },
  };
}

const SECRET_FLAGS = ['--secret', '--token', '--aes-key'];
const SECRET_VARIABLES = ['WECHAT_SECRET', 'WECHAT_TOKEN', 'WECHAT_AES_KEY'];

/** Registers credentials before parsing, so even a parse error cannot echo one. */
function protectRaw(args: readonly string[], env: CommandIo['env'], out: Output): void {
  for (const name of SECRET_VARIABLES) out.addSecret(env[name]);
  args.forEach((arg, i) => {
    if (SECRET_FLAGS.includes(arg)) out.addSecret(args[i + 1]);
    const inline = SECRET_FLAGS.find((flag) => arg.startsWith(`${flag}=`));
    if (inline) out.addSecret(arg.slice(inline.length + 1));
  });
}
