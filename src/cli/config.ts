import { Application } from '../application.js';
import { ConfigError } from '../errors.js';
import type { AccountKind, ApplicationOptions } from '../options.js';
import { choice, type OptionsConfig, positiveInteger, type Values } from './args.js';
import type { Output } from './output.js';

/** The configuration flags of every command that talks to WeChat (or the simulator). */
export const CONFIG_OPTIONS = {
  'app-id': { type: 'string' },
  secret: { type: 'string' },
  token: { type: 'string' },
  'aes-key': { type: 'string' },
  'base-url': { type: 'string' },
  kind: { type: 'string' },
  timeout: { type: 'string' },
} as const satisfies OptionsConfig;

/** The help section for {@link CONFIG_OPTIONS}. */
export const CONFIG_HELP = `Configuration (a flag wins over its environment variable):
  --app-id <wx…>      WECHAT_APP_ID     the AppID
  --secret <secret>   WECHAT_SECRET     the AppSecret (prefer the variable: flags show up in ps)
  --token <token>     WECHAT_TOKEN      the Token of 消息推送配置 (message push settings)
  --aes-key <key>     WECHAT_AES_KEY    the 43-character EncodingAESKey
  --base-url <url>    WECHAT_BASE_URL   API host; default https://api.weixin.qq.com,
                                        or the URL that \`wechat-cs simulate\` prints
  --kind <kind>       WECHAT_KIND       miniprogram (default) or official-account
  --timeout <ms>                        per-request timeout; default 10000`;

/** The account kinds `--kind` / WECHAT_KIND accept. */
export const KINDS = ['miniprogram', 'official-account'] as const satisfies readonly AccountKind[];

/** The configuration a command runs with, from flags and `WECHAT_*` variables. */
export interface CliConfig {
  appId: string | undefined;
  secret: string | undefined;
  token: string | undefined;
  aesKey: string | undefined;
  baseUrl: string | undefined;
  kind: string | undefined;
  timeout: number | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

/** An empty variable counts as unset, as `FOO= cmd` means in most shells' idiom. */
const fromEnv = (env: Env, name: string): string | undefined => (env[name] === '' ? undefined : env[name]);

/**
 * Reads the configuration: flags first, then the environment. A kind or timeout that is not
 * one of its allowed values is a UsageError (exit 2), as a bad flag is; the credentials are
 * checked later, as configuration (exit 78).
 */
export function readConfig(values: Values<typeof CONFIG_OPTIONS>, env: Env): CliConfig {
  return {
    appId: values['app-id'] ?? fromEnv(env, 'WECHAT_APP_ID'),
    secret: values.secret ?? fromEnv(env, 'WECHAT_SECRET'),
    token: values.token ?? fromEnv(env, 'WECHAT_TOKEN'),
    aesKey: values['aes-key'] ?? fromEnv(env, 'WECHAT_AES_KEY'),
    baseUrl: values['base-url'] ?? fromEnv(env, 'WECHAT_BASE_URL'),
    kind: choice('--kind or WECHAT_KIND', values.kind ?? fromEnv(env, 'WECHAT_KIND'), KINDS),
    timeout: positiveInteger('timeout', values.timeout),
  };
}

/** Registers every credential of `config` with `out`, so none is ever printed. */
export function protect(config: CliConfig, out: Output): void {
  for (const value of [config.secret, config.token, config.aesKey]) out.addSecret(value);
}

/**
 * An Application for API calls (send, typing, media, tokens). Only the options those need are
 * passed, so a push-only problem (a bad aesKey) does not block a send; `check` reports it.
 * Throws ConfigError (exit 78) when the appId or the secret is missing or malformed.
 */
export function apiApplication(
  command: string,
  config: CliConfig,
  out: Output,
  extra: Partial<ApplicationOptions<AccountKind>> = {},
): Application<AccountKind> {
  if (config.appId === undefined) {
    throw new ConfigError('appId', `is required for \`${command}\`: the AppID (wx…) of the account`);
  }
  if (config.secret === undefined) {
    throw new ConfigError('secret', `is required for \`${command}\`: the AppSecret (开发管理 → 开发设置)`);
  }
  return new Application<AccountKind>({
    appId: config.appId,
    secret: config.secret,
    ...(config.baseUrl === undefined ? {} : { baseUrl: config.baseUrl }),
    ...(config.kind === undefined ? {} : { kind: config.kind as AccountKind }),
    ...(config.timeout === undefined ? {} : { http: { timeout: config.timeout } }),
    logger: out.logger(),
    ...extra,
  });
}
