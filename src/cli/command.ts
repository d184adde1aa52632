/**
 * The shape of one `wechat-cs` subcommand. Commands read flags with `node:util` `parseArgs`,
 * take configuration from flags or `WECHAT_*` environment variables, write through `io` (so tests
 * capture output) and return the process exit code.
 */
export interface CommandIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Resolves when the user asks to stop (Ctrl-C); long-running commands await it. */
  readonly interrupted: Promise<void>;
  /** Where `upload -` and `send <openid> -` read from. @default none (those forms then fail) */
  readonly stdin?: NodeJS.ReadableStream;
  /** Where `download` saves files by default. @default process.cwd() */
  readonly cwd?: string;
}

export interface Command {
  /** As typed on the command line: `send`. */
  readonly name: string;
  /** One line for `wechat-cs --help`. */
  readonly summary: string;
  /** The full `wechat-cs <name> --help` text. */
  readonly help: string;
  /** Runs with the arguments after the command name; returns the exit code. */
  run(args: readonly string[], io: CommandIo): Promise<number>;
}

/** Exit codes a shell user expects (sysexits-style where one fits). */
export const ExitCode = {
  ok: 0,
  /** WeChat or the network refused the call. */
  failure: 1,
  /** Bad flags or arguments. */
  usage: 2,
  /** Missing or invalid configuration (appId, secret, …). */
  config: 78,
  /** Stopped by Ctrl-C (128 + SIGINT), as shells report it. */
  interrupted: 130,
} as const;
