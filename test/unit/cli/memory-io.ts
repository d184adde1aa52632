import { Readable, Writable } from 'node:stream';
import type { CommandIo } from '../../../src/cli/command.js';

/** A CommandIo that keeps what a command prints, for in-process CLI tests. */
export interface MemoryIo {
  io: CommandIo;
  stdout(): string;
  stderr(): string;
  /** stdout and stderr together, to check that no secret appears anywhere. */
  all(): string;
  /** Resolves `io.interrupted`, as Ctrl-C would. */
  interrupt(): void;
}

function collector(): { stream: Writable; text: () => string; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      callback();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8'), bytes: () => Buffer.concat(chunks) };
}

export function memoryIo(
  env: Record<string, string | undefined> = {},
  options: { stdin?: string | Buffer; cwd?: string } = {},
): MemoryIo & { stdoutBytes(): Buffer } {
  const out = collector();
  const err = collector();
  let interrupt = () => {};
  const interrupted = new Promise<void>((resolve) => {
    interrupt = resolve;
  });
  const io: CommandIo = {
    stdout: out.stream,
    stderr: err.stream,
    env,
    interrupted,
    ...(options.stdin === undefined ? {} : { stdin: Readable.from([options.stdin]) }),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  };
  return {
    io,
    stdout: out.text,
    stderr: err.text,
    stdoutBytes: out.bytes,
    all: () => out.text() + err.text(),
    interrupt: () => interrupt(),
  };
}
