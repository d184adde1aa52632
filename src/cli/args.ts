import { parseArgs } from 'node:util';
import { UsageError } from './failure.js';

/** Options in `node:util` `parseArgs` form. */
export type OptionsConfig = Record<
  string,
  { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string | boolean }
>;

type StrictConfig<O extends OptionsConfig> = {
  args: string[];
  options: O;
  allowPositionals: true;
  strict: true;
};

/** The typed `values` that `parseArgs` returns for `O`. */
export type Values<O extends OptionsConfig> = ReturnType<typeof parseArgs<StrictConfig<O>>>['values'];

/** Flags every command accepts. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
} as const satisfies OptionsConfig;

/**
 * Parses `args` strictly (unknown flags and missing values are usage errors, exit code 2).
 *
 * @example parse(['o_user', 'hi', '--json'], { json: { type: 'boolean' } })
 */
export function parse<const O extends OptionsConfig>(
  args: readonly string[],
  options: O,
): { values: Values<O>; positionals: string[] } {
  try {
    const config: StrictConfig<O> = { args: [...args], options, allowPositionals: true, strict: true };
    const { values, positionals } = parseArgs(config);
    return { values, positionals };
  } catch (error) {
    // parseArgs explains well but long-windedly; keep its first sentence.
    const message = error instanceof Error ? error.message.split('. ')[0] : String(error);
    throw new UsageError(message ?? 'invalid arguments');
  }
}

/** True when the user asked for help, even alongside flags that would not parse. */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  const flags = end === -1 ? args : args.slice(0, end);
  return flags.includes('--help') || flags.includes('-h');
}

/** Checks the number of positional arguments. */
export function expectPositionals(
  positionals: readonly string[],
  names: { required: readonly string[]; optional?: readonly string[]; rest?: boolean },
): void {
  const max = names.rest ? Number.POSITIVE_INFINITY : names.required.length + (names.optional?.length ?? 0);
  if (positionals.length < names.required.length) {
    const missing = names.required.slice(positionals.length).map((name) => `<${name}>`);
    throw new UsageError(`missing ${missing.join(' ')}`);
  }
  if (positionals.length > max) {
    const extra = positionals.slice(max).map((value) => JSON.stringify(value));
    throw new UsageError(`unexpected argument ${extra.join(' ')}`);
  }
}

/** A positive integer flag value (e.g. `--timeout 5000`), or undefined when absent. */
export function positiveInteger(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number <= 0) {
    throw new UsageError(`--${flag} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return number;
}

/**
 * A value that must be one of `allowed` (`--format xml|json`), whether it came from a flag or
 * its environment variable: a bad one is a usage error (exit 2), like a bad flag. `source`
 * names where it came from in the message. Undefined stays undefined (the default applies).
 *
 * @example choice('--format or WECHAT_FORMAT', 'yaml', ['xml', 'json']) // throws UsageError
 */
export function choice<const T extends string>(
  source: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
  const list = `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`;
  throw new UsageError(`${source} must be ${list}, got ${JSON.stringify(value)}`);
}
