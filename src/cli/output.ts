import type { Logger } from '../logger.js';
import type { CommandIo } from './command.js';
import { redactSecrets } from './redact.js';

/**
 * Everything a command prints goes through here, so no credential reaches the terminal: each
 * write is redacted of the secrets registered with {@link Output.addSecret}.
 */
export class Output {
  readonly #io: CommandIo;
  readonly #secrets = new Set<string>();
  /** `--json`: results go to stdout as one JSON document. */
  readonly json: boolean;

  constructor(io: CommandIo, json: boolean) {
    this.#io = io;
    this.json = json;
  }

  /** Registers a value that must never be printed (undefined is ignored). */
  addSecret(value: string | undefined): void {
    if (value !== undefined && value !== '') this.#secrets.add(value);
  }

  /** A line on stdout (the result). */
  print(line: string): void {
    this.#io.stdout.write(`${this.redact(line)}\n`);
  }

  /** A line on stderr (progress, warnings, errors). */
  note(line: string): void {
    this.#io.stderr.write(`${this.redact(line)}\n`);
  }

  /** The result as JSON on stdout (`--json`). */
  printJson(value: unknown): void {
    this.#io.stdout.write(`${this.redact(JSON.stringify(value, null, 2))}\n`);
  }

  /** Prints `value` unredacted: only for what the user explicitly asked to see (`token --reveal`). */
  reveal(value: string): void {
    this.#io.stdout.write(`${value}\n`);
  }

  /** Writes raw bytes to stdout (`download -o -`). */
  writeBytes(data: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#io.stdout.write(data, (error) => (error ? reject(error) : resolve()));
    });
  }

  redact(text: string): string {
    return redactSecrets(text, this.#secrets);
  }

  /** A logger for the SDK: warnings and errors on stderr, redacted, one human line each; debug and info dropped. */
  logger(): Logger {
    const write = (level: string) => (context: Record<string, unknown>, message: string) =>
      this.note(`${level}: ${message}${describeContext(context)}`);
    const drop = () => {};
    return { debug: drop, info: drop, warn: write('warning'), error: write('error') };
  }
}

/**
 * ` (retry 1 in 184 ms: connect ECONNREFUSED …)`-style detail for a terminal: the SDK logs
 * structured context for log pipelines, which reads as noise before the command's own message.
 */
export function describeContext(context: Record<string, unknown>): string {
  const { retry, delayMs, error, err, ...rest } = context;
  const parts: string[] = [];
  if (typeof retry === 'number')
    parts.push(typeof delayMs === 'number' ? `retry ${retry} in ${delayMs} ms` : `retry ${retry}`);
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined)
      parts.push(`${key} ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  const cause = error ?? err;
  const reason = cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : undefined;
  const detail = parts.join(', ');
  if (reason === undefined) return detail === '' ? '' : ` (${detail})`;
  return detail === '' ? `: ${reason}` : ` (${detail}): ${reason}`;
}
