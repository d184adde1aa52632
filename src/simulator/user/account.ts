import { ConfigError } from '../../errors.js';
import type { AccountKind } from '../../options.js';
import { MessageCipher } from '../../server/crypto.js';
import type { TestFields } from '../../testing/index.js';
import type { PushFormat, PushMode, SimulatorApp, WebhookOptions } from '../types.js';
import type { Answer } from './deliver.js';
import { buildPush, type PushRequest } from './push.js';
import { checkReply, type ReplyVerdict } from './reply-check.js';

/** Where and how an account's pushes go (消息推送配置, SPEC §1.1). */
export interface Webhook {
  readonly url: string;
  readonly format: PushFormat;
  readonly mode: PushMode;
}

/**
 * One account as WeChat's push side knows it: ids, 消息推送配置 and the keys. The Token and
 * EncodingAESKey stay in `#private` fields and are only handed to the signing/checking calls.
 */
export class SimAccount {
  readonly appId: string;
  readonly kind: AccountKind;
  readonly originalId: string;
  readonly #token: string;
  readonly #aesKey: string | undefined;
  #webhook: Webhook | undefined;
  #format: PushFormat;
  #mode: PushMode;

  constructor(app: SimulatorApp, where: string) {
    if (typeof app?.appId !== 'string' || app.appId === '')
      throw new ConfigError(`${where}.appId`, 'is required');
    this.appId = app.appId;
    this.kind = app.kind ?? 'miniprogram';
    this.originalId = app.originalId ?? `gh_${app.appId.slice(2, 14)}`;
    if (typeof app.token !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(app.token)) {
      throw new ConfigError(
        `${where}.token`,
        'is required: printable ASCII without spaces (消息推送配置 Token)',
      );
    }
    this.#token = app.token;
    if (app.aesKey !== undefined) new MessageCipher(app.aesKey, app.appId); // throws ConfigError('aesKey')
    this.#aesKey = app.aesKey;
    this.#format = 'xml';
    this.#mode = app.aesKey === undefined ? 'plain' : 'safe';
    this.configure(app.webhook, app, where);
  }

  get webhook(): Webhook | undefined {
    return this.#webhook;
  }

  /** Format and mode apply even without a URL, so a later URL keeps them. */
  get format(): PushFormat {
    return this.#format;
  }

  get mode(): PushMode {
    return this.#mode;
  }

  /** Sets the webhook URL (undefined: none) and, when given, format and mode; checks them all first. */
  configure(url: string | undefined, options: WebhookOptions = {}, where = 'webhook'): void {
    const format = options.format ?? this.#format;
    const mode = options.mode ?? this.#mode;
    if (format !== 'xml' && format !== 'json')
      throw new ConfigError(`${where}.format`, "must be 'xml' or 'json'");
    if (format === 'json' && this.kind === 'official-account') {
      throw new ConfigError(`${where}.format`, 'official accounts push XML only (SPEC §1.1)');
    }
    if (mode !== 'plain' && mode !== 'compatible' && mode !== 'safe') {
      throw new ConfigError(`${where}.mode`, "must be 'plain', 'compatible' or 'safe'");
    }
    if (mode !== 'plain' && this.#aesKey === undefined) {
      throw new ConfigError(`${where}.mode`, `'${mode}' needs the app's aesKey (EncodingAESKey)`);
    }
    const checked = url === undefined ? undefined : checkUrl(url, `${where}.webhook`);
    this.#format = format;
    this.#mode = mode;
    this.#webhook = checked === undefined ? undefined : { url: checked, format, mode };
  }

  /** The signed (and encrypted) request for a push to `webhook`. */
  push(webhook: Webhook, openid: string, fields: TestFields, timestamp: number): PushRequest {
    return buildPush({
      webhook: webhook.url,
      format: webhook.format,
      mode: webhook.mode,
      appId: this.appId,
      token: this.#token,
      aesKey: this.#aesKey,
      openid,
      fields,
      timestamp,
    });
  }

  /** Judges the webhook's answer to a push made with `webhook`. */
  check(answer: Answer, webhook: Webhook, openid: string, pushIsEvent: boolean): ReplyVerdict {
    return checkReply(answer, {
      format: webhook.format,
      mode: webhook.mode,
      accountKind: this.kind,
      appId: this.appId,
      token: this.#token,
      aesKey: this.#aesKey,
      openid,
      originalId: this.originalId,
      pushIsEvent,
    });
  }

  toJSON(): { appId: string; kind: AccountKind; webhook: Webhook | undefined } {
    return { appId: this.appId, kind: this.kind, webhook: this.#webhook };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `SimAccount { appId: '${this.appId}', kind: '${this.kind}' }`;
  }
}

function checkUrl(url: string, where: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(where, `must be an absolute http(s) URL, got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(where, 'must use http: or https:');
  }
  return parsed.href;
}
