import { ConfigError } from './errors.js';
import type { AccountKind } from './options.js';

/**
 * One check per option of `new Application()`: each returns the value or throws a ConfigError
 * that names the option and the fix (DESIGN §3). Credentials are never echoed back.
 */

export function checkKind(kind: unknown): AccountKind {
  if (kind !== 'miniprogram' && kind !== 'official-account') {
    throw new ConfigError('kind', `must be 'miniprogram' or 'official-account', got ${JSON.stringify(kind)}`);
  }
  return kind;
}

export function checkAppId(appId: unknown): string {
  if (typeof appId !== 'string' || appId === '') {
    throw new ConfigError('appId', 'is required: the AppID (wx…) from 开发管理 → 开发设置');
  }
  if (!/^wx[0-9a-zA-Z]{6,30}$/.test(appId)) {
    throw new ConfigError(
      'appId',
      `must be the WeChat AppID from 开发管理 → 开发设置: lowercase wx then letters and digits (not the original id gh_…, nor another platform's app id); got ${JSON.stringify(appId.slice(0, 40))}`,
    );
  }
  return appId;
}

export function checkSecret(secret: unknown): string | undefined {
  if (secret === undefined) return undefined;
  if (typeof secret !== 'string' || secret.trim() === '' || secret !== secret.trim()) {
    throw new ConfigError('secret', 'must be the AppSecret string without surrounding spaces');
  }
  return secret;
}

export function checkToken(token: string): string {
  if (!/^[\x21-\x7e]{1,128}$/.test(token)) {
    throw new ConfigError(
      'token',
      'must be the Token of 消息推送配置: printable ASCII without spaces, 1–128 chars',
    );
  }
  return token;
}

/**
 * EncodingAESKey: 43 base64 chars → 32 bytes (SPEC §2.1). Node's base64 decoder skips characters
 * outside the alphabet (and reads `-`/`_` as base64url), so the regex is the whole check: any 43
 * characters it accepts, plus the `=`, decode to exactly 32 bytes (258 bits, the last 2 dropped).
 * The key is secret: the message gives its length, never its characters.
 */
export function checkAesKey(key: string, index: number): string {
  const option = index === 0 ? 'aesKey' : `aesKey[${index}]`;
  if (!/^[A-Za-z0-9+/]{43}$/.test(key)) {
    const problem =
      key.length === 43 ? 'has a character outside A–Z, a–z, 0–9, + and /' : `has ${key.length} characters`;
    throw new ConfigError(
      option,
      `must be the 43-character EncodingAESKey of 消息推送配置 but ${problem}; copy it again from the console`,
    );
  }
  return key;
}

export function list(option: string, value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const values = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) {
    throw new ConfigError(option, 'must be a string or an array of strings (newest first)');
  }
  return [...values];
}

export function checkBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ConfigError('baseUrl', `must be an absolute http(s) URL, got ${JSON.stringify(baseUrl)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError('baseUrl', 'must use http: or https:');
  }
  return url.href.replace(/\/+$/, '');
}

export function checkNonEmpty(option: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new ConfigError(option, 'must be a non-empty string');
  return value;
}

export function positiveMs(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ConfigError(option, `must be a positive number, got ${String(value)}`);
  }
  return value;
}

export function count(option: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ConfigError(option, `must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}
