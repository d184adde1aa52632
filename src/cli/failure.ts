import { ConfigError, isWeChatError, ValidationError } from '../errors.js';
import { ExitCode } from './command.js';

/** Bad flags or arguments: exit code 2 and a pointer to `--help`. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Where each option comes from on the command line and in the environment. */
export const CONFIG_SOURCES: Readonly<Record<string, string>> = {
  appId: '--app-id or WECHAT_APP_ID',
  secret: 'WECHAT_SECRET (or --secret)',
  token: 'WECHAT_TOKEN (or --token)',
  aesKey: 'WECHAT_AES_KEY (or --aes-key)',
  baseUrl: '--base-url or WECHAT_BASE_URL',
  kind: '--kind or WECHAT_KIND',
  'http.timeout': '--timeout',
};

/**
 * The exit code a shell user expects for `error`: 2 for bad arguments or message fields,
 * 78 (EX_CONFIG) for configuration, 1 for anything WeChat or the network refused.
 */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError || error instanceof ValidationError) return ExitCode.usage;
  if (error instanceof ConfigError) return ExitCode.config;
  return ExitCode.failure;
}

/** One line for stderr, plus a hint naming the flag or variable that fixes a ConfigError. */
export function describeFailure(error: unknown, command: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError) return `${message}\nRun 'wechat-cs ${command} --help' for usage.`;
  if (error instanceof ConfigError) {
    const source = CONFIG_SOURCES[error.option];
    return `configuration: ${message}${source ? `\n  set it with ${source}` : ''}`;
  }
  return message;
}

/** The machine-readable form of a failure for `--json` output. */
export function failureJson(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const fields: Record<string, unknown> = { name: error.name, message: error.message };
  if (isWeChatError(error)) {
    for (const key of ['errcode', 'errmsg', 'rid', 'option', 'field', 'status', 'ip'] as const) {
      const value = (error as unknown as Record<string, unknown>)[key];
      if (value !== undefined) fields[key] = value;
    }
  }
  return fields;
}
