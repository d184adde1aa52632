import type { CommandIo } from './command.js';
import { run } from './run.js';

/** 128 + the signal number, as shells report a process stopped by a signal. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Runs `wechat-cs` as a process: real stdio, `process.env`, and Ctrl-C. A command that reads
 * `io.interrupted` (a server such as `simulate`) gets the first Ctrl-C to shut down cleanly and
 * a second one exits at once; any other command is stopped by the first, as usual.
 */
export async function main(args: readonly string[]): Promise<void> {
  let handlesInterrupt = false;
  let stop: () => void = () => {};
  const interrupted = new Promise<void>((resolve) => {
    stop = resolve;
  });
  let signalled = false;
  const onSignal = (signal: keyof typeof SIGNAL_EXIT_CODES) => {
    if (!handlesInterrupt || signalled) process.exit(SIGNAL_EXIT_CODES[signal]);
    signalled = true;
    stop();
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  // `wechat-cs … | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
  });
  const io: CommandIo = {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    get stdin() {
      return process.stdin; // created only when a command reads it
    },
    get interrupted() {
      handlesInterrupt = true;
      return interrupted;
    },
  };
  try {
    process.exitCode = await run(args, io);
  } catch (error) {
    process.stderr.write(`wechat-cs: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  } finally {
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  }
}
