import { Application } from '../../application.js';
import { ConfigError } from '../../errors.js';
import type { AccountKind, ApplicationOptions } from '../../options.js';
import type { CliConfig } from '../config.js';
import { describeSecret } from '../redact.js';
import { type CheckResult, fail, pass, warn } from './result.js';

/** 消息加解密方式 (SPEC §1.4). */
export type PushMode = 'plain' | 'compatible' | 'safe';

/** Lets the other options be checked when the appId itself is wrong. */
const PLACEHOLDER_APP_ID = 'wx0000000000000000';

/** The ConfigError the SDK raises for `options`, if any: the SDK's own rules, not a copy of them. */
function configError(options: ApplicationOptions<AccountKind>): ConfigError | undefined {
  try {
    new Application<AccountKind>(options);
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
}

/** What the configuration is checked for. */
export interface CheckPurpose {
  /** A webhook is checked: the Token is needed. */
  receivesPushes: boolean;
  /** The API is called (no `--skip-api`): the secret is needed. */
  callsApi: boolean;
}

/** Checks each option on its own, so one bad value does not hide the others. */
export function checkConfig(config: CliConfig, mode: PushMode, purpose: CheckPurpose): CheckResult[] {
  const appId =
    config.appId !== undefined && !configError({ appId: config.appId }) ? config.appId : undefined;
  const base = { appId: appId ?? PLACEHOLDER_APP_ID };
  return [
    checkAppId(config),
    checkOption('account kind', config.kind, { ...base, kind: config.kind as AccountKind }, 'miniprogram'),
    checkOption(
      'API host',
      config.baseUrl,
      { ...base, baseUrl: config.baseUrl ?? '' },
      'https://api.weixin.qq.com',
    ),
    checkSecret(config, base, purpose.callsApi),
    checkToken(config, base, purpose.receivesPushes),
    checkEncryption(config, base, mode),
  ];
}

function checkAppId(config: CliConfig): CheckResult {
  const fix = 'copy the AppID (wx…) from 开发管理 → 开发设置 into WECHAT_APP_ID (gh_… is the original id)';
  if (config.appId === undefined) return fail('appId', 'not set', fix);
  const error = configError({ appId: config.appId });
  return error ? fail('appId', error.message, fix) : pass('appId', config.appId);
}

function checkOption(
  name: string,
  value: string | undefined,
  options: ApplicationOptions<AccountKind>,
  fallback: string,
): CheckResult {
  if (value === undefined) return pass(name, `${fallback} (default)`);
  const error = configError(options);
  const flag = name === 'API host' ? 'WECHAT_BASE_URL (--base-url)' : 'WECHAT_KIND (--kind)';
  return error ? fail(name, error.message, `correct ${flag}`) : pass(name, value);
}

function checkSecret(config: CliConfig, base: { appId: string }, callsApi: boolean): CheckResult {
  const fix = 'set WECHAT_SECRET to the AppSecret (开发管理 → 开发设置 → AppSecret)';
  if (config.secret === undefined) {
    // With --skip-api nothing here needs it; it is still needed to send, so say so.
    return callsApi
      ? fail('secret', 'not set: needed to call the API (send, typing, media)', fix)
      : warn('secret', 'not set: needed only to call the API (send, typing, media)', fix);
  }
  const error = configError({ ...base, secret: config.secret });
  return error ? fail('secret', error.message, fix) : pass('secret', describeSecret(config.secret));
}

function checkToken(config: CliConfig, base: { appId: string }, receivesPushes: boolean): CheckResult {
  const fix = 'set WECHAT_TOKEN to the Token you entered in 消息推送配置 (message push settings)';
  if (config.token === undefined) {
    return receivesPushes
      ? fail('push token', 'not set: needed to verify pushes', fix)
      : warn('push token', 'not set: needed only to receive pushes', fix);
  }
  const secret = config.secret === undefined ? {} : { secret: config.secret };
  const error = configError({ ...base, ...secret, token: config.token });
  return error ? fail('push token', error.message, fix) : pass('push token', describeSecret(config.token));
}

function checkEncryption(config: CliConfig, base: { appId: string }, mode: PushMode): CheckResult {
  const name = 'encryption';
  const { aesKey } = config;
  if (aesKey !== undefined) {
    const error = configError({ ...base, aesKey });
    if (error)
      return fail(name, error.message, 'copy the 43-character EncodingAESKey from 消息推送配置 again');
  }
  if (mode !== 'plain' && aesKey === undefined) {
    return fail(
      name,
      `${mode} mode needs an aesKey (EncodingAESKey), and none is set`,
      'set WECHAT_AES_KEY to the EncodingAESKey shown in 消息推送配置, or choose 明文模式 (plaintext) there',
    );
  }
  if (mode === 'plain' && aesKey !== undefined) {
    return warn(
      name,
      'plaintext mode, but an aesKey is set: servers using this SDK then refuse plaintext pushes',
      'choose 安全模式 (safe mode) in 消息推送配置, or unset WECHAT_AES_KEY',
    );
  }
  if (mode === 'plain') {
    return warn(
      name,
      'plaintext mode: pushes are not encrypted and their bodies are not signed',
      'choose 安全模式 (safe mode) in 消息推送配置 and set WECHAT_AES_KEY to its EncodingAESKey',
    );
  }
  return pass(name, `${mode} mode, aesKey ${describeSecret(aesKey)}`);
}
