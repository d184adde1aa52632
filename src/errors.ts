/**
 * Every error this SDK throws is a {@link WeChatError}. Subclasses are chosen by factory
 * ({@link ApiError.from}) so callers can `catch` by class or by `errcode`.
 *
 * Errors never carry a secret: URLs are redacted of `access_token`/`secret` before they get
 * here, and request bodies are never attached.
 */

import type { InboundMessage } from './messages/inbound.js';

const BRAND = Symbol.for('wechat-customer-service.error');

/** Names of the class chain of an error, so `instanceof` works across dual ESM/CJS copies. */
type Lineage = readonly string[];

function lineageOf(error: object): Lineage {
  const names: string[] = [];
  let proto: unknown = Object.getPrototypeOf(error);
  while (proto && proto !== Error.prototype) {
    const ctor = (proto as { constructor?: { errorName?: string } }).constructor;
    if (ctor?.errorName && !names.includes(ctor.errorName)) names.push(ctor.errorName);
    proto = Object.getPrototypeOf(proto);
  }
  return names;
}

/** Base class of every error thrown by wechat-customer-service. */
export class WeChatError extends Error {
  /** The stable name of this class, used by `instanceof` across duplicated package copies. */
  static readonly errorName: string = 'WeChatError';
  declare readonly [BRAND]: Lineage;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    const lineage = lineageOf(this);
    this.name = lineage[0] ?? 'WeChatError';
    Object.defineProperty(this, BRAND, { value: lineage, enumerable: false });
  }

  /**
   * `error instanceof ApiError` also holds for an error made by a second copy of this package
   * (one loaded through `require`, one through `import`): the check reads the brand, not the
   * prototype.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is the class on the right of `instanceof` (a subclass too), which is the point.
    // biome-ignore lint/complexity/noThisInStatic: see above.
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    // biome-ignore lint/complexity/noThisInStatic: see above.
    return brandOf(value)?.includes(this.errorName) ?? false;
  }
}

function brandOf(value: unknown): Lineage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const lineage = (value as { [BRAND]?: unknown })[BRAND];
  return Array.isArray(lineage) ? (lineage as Lineage) : undefined;
}

/** True for any error thrown by this SDK, whichever copy of the package made it. */
export function isWeChatError(value: unknown): value is WeChatError {
  return brandOf(value) !== undefined;
}

/** An option given to `new Application()` (or an adapter) is missing or wrong. */
export class ConfigError extends WeChatError {
  static override readonly errorName: string = 'ConfigError';
  /** The option at fault, e.g. `aesKey`. */
  readonly option: string;
  constructor(option: string, message: string) {
    super(`${option}: ${message}`);
    this.option = option;
  }
}

/** A field of an outgoing message is invalid; nothing was sent. */
export class ValidationError extends WeChatError {
  static override readonly errorName: string = 'ValidationError';
  /** The field at fault, e.g. `text.content`. */
  readonly field: string;
  constructor(field: string, message: string, options?: { cause?: unknown }) {
    super(`${field}: ${message}`, options);
    this.field = field;
  }
}

/** What WeChat answered: `{ errcode, errmsg }` with a non-zero `errcode`. */
export interface ApiErrorBody {
  errcode: number;
  errmsg?: string | undefined;
}

/** WeChat answered with a non-zero `errcode` (SPEC §4.4). */
export class ApiError extends WeChatError {
  static override readonly errorName: string = 'ApiError';
  readonly errcode: number;
  readonly errmsg: string;
  /** WeChat's request id (`rid: …` at the end of `errmsg`), for `/cgi-bin/openapi/rid/get`. */
  readonly rid: string | undefined;
  /** API path with `access_token`/`secret` redacted, e.g. `/cgi-bin/message/custom/send`. */
  readonly path: string;

  constructor(body: ApiErrorBody, path: string, hint?: string) {
    const errmsg = body.errmsg ?? '';
    super(`WeChat API ${path} failed: ${body.errcode} ${errmsg}${hint ? ` (${hint})` : ''}`);
    this.errcode = body.errcode;
    this.errmsg = errmsg;
    this.rid = /rid:\s*([\w-]+)/.exec(errmsg)?.[1];
    this.path = path;
  }

  /** Builds the most specific subclass for `body.errcode`. */
  static from(body: ApiErrorBody, path: string): ApiError {
    const make = ERRCODE_CLASSES.get(body.errcode);
    return make ? make(body, path) : new ApiError(body, path);
  }
}

/** 40001, 40014, 42001: the access token is invalid or expired. Refreshed and replayed once. */
export class AccessTokenError extends ApiError {
  static override readonly errorName: string = 'AccessTokenError';
}

/** 40003: `touser` is not an OpenID of this account. */
export class InvalidOpenIdError extends ApiError {
  static override readonly errorName: string = 'InvalidOpenIdError';
}

/** 45015: outside the sending window (48 h after a user message; SPEC §4.3). Never retried. */
export class ReplyWindowError extends ApiError {
  static override readonly errorName: string = 'ReplyWindowError';
  constructor(body: ApiErrorBody, path: string) {
    super(body, path, 'the user has not written within the sending window; wait for their next message');
  }
}

/** 45047: the window's message quota is used up (5 per user message). Never retried. */
export class ReplyQuotaError extends ApiError {
  static override readonly errorName: string = 'ReplyQuotaError';
  constructor(body: ApiErrorBody, path: string) {
    super(body, path, 'no messages left in this window; wait for the user to write again');
  }
}

/** 45009 (daily quota, `scope: 'day'`) or 45011 (per-minute quota, `scope: 'minute'`). */
export class RateLimitError extends ApiError {
  static override readonly errorName: string = 'RateLimitError';
  readonly scope: 'day' | 'minute';
  constructor(body: ApiErrorBody, path: string) {
    const scope = body.errcode === 45009 ? 'day' : 'minute';
    super(body, path, scope === 'day' ? 'daily API quota reached' : 'per-minute API quota reached');
    this.scope = scope;
  }
}

/** 45080 (no message exchanged in the last 30 s) or 45072 (bad command). */
export class TypingError extends ApiError {
  static override readonly errorName: string = 'TypingError';
}

/** 40004, 40005, 40007, 40009, 41005, 45001: the media is missing, of a bad type or size. */
export class InvalidMediaError extends ApiError {
  static override readonly errorName: string = 'InvalidMediaError';
}

/** 40164: the calling server's IP is not on the account's API IP whitelist. */
export class IpWhitelistError extends ApiError {
  static override readonly errorName: string = 'IpWhitelistError';
  /** The IP WeChat saw, parsed from `errmsg` (`invalid ip 1.2.3.4 ipv6 …`). */
  readonly ip: string | undefined;
  constructor(body: ApiErrorBody, path: string) {
    const ip = /invalid ip ([0-9a-fA-F.:]+)/.exec(body.errmsg ?? '')?.[1];
    super(
      body,
      path,
      `add ${ip ?? 'this server’s egress IP'} to the IP whitelist (开发管理 → 开发设置 → IP白名单) of the account`,
    );
    this.ip = ip;
  }
}

type ApiErrorFactory = (body: ApiErrorBody, path: string) => ApiError;

const ERRCODE_CLASSES = new Map<number, ApiErrorFactory>();
const register = (codes: number[], make: ApiErrorFactory) => {
  for (const code of codes) ERRCODE_CLASSES.set(code, make);
};
register([40001, 40014, 42001], (b, p) => new AccessTokenError(b, p));
register([40003], (b, p) => new InvalidOpenIdError(b, p));
register([45015], (b, p) => new ReplyWindowError(b, p));
register([45047], (b, p) => new ReplyQuotaError(b, p));
register([45009, 45011], (b, p) => new RateLimitError(b, p));
register([45080, 45072], (b, p) => new TypingError(b, p));
register([40004, 40005, 40007, 40009, 41005, 45001], (b, p) => new InvalidMediaError(b, p));
register([40164], (b, p) => new IpWhitelistError(b, p));

/** WeChat (or a proxy) answered with an unexpected HTTP status. */
export class HttpError extends WeChatError {
  static override readonly errorName: string = 'HttpError';
  readonly status: number;
  /** API path, redacted. */
  readonly path: string;
  constructor(status: number, path: string, options?: { cause?: unknown }) {
    super(`WeChat API ${path} answered HTTP ${status}`, options);
    this.status = status;
    this.path = path;
  }
}

/** The request could not be completed (DNS, connection refused or reset). `cause` has details. */
export class NetworkError extends WeChatError {
  static override readonly errorName: string = 'NetworkError';
  readonly path: string;
  constructor(path: string, options: { cause: unknown }) {
    super(`WeChat API ${path}: network error (${describeCause(options.cause)})`, options);
    this.path = path;
  }
}

/** An attempt took longer than its `timeout` (ms). */
export class TimeoutError extends WeChatError {
  static override readonly errorName: string = 'TimeoutError';
  readonly path: string;
  readonly timeout: number;
  constructor(path: string, timeout: number, options?: { cause?: unknown }) {
    super(`WeChat API ${path} timed out after ${timeout} ms`, options);
    this.path = path;
    this.timeout = timeout;
  }
}

/** A push failed `signature`/`msg_signature` verification, or its timestamp is stale (HTTP 401). */
export class SignatureError extends WeChatError {
  static override readonly errorName: string = 'SignatureError';
}

/** A push's ciphertext is malformed: base64, length, padding or receiveId (HTTP 400). */
export class DecryptError extends WeChatError {
  static override readonly errorName: string = 'DecryptError';
}

/** A push's XML or JSON cannot be parsed, or uses DOCTYPE/entities (HTTP 400). */
export class ParseError extends WeChatError {
  static override readonly errorName: string = 'ParseError';
}

/**
 * A body is larger than its limit: a push's body above `server.maxBodyBytes` (the server answers
 * HTTP 413), or a media download above `maxBytes` (`media.get` rejects; the connection is closed).
 */
export class PayloadTooLargeError extends WeChatError {
  static override readonly errorName: string = 'PayloadTooLargeError';
  /** The limit in bytes. */
  readonly limit: number;
  constructor(limit: number, what = 'request body is larger than maxBodyBytes') {
    super(`${what} (${limit} bytes)`);
    this.limit = limit;
  }
}

/** What a user handler threw, with the push that caused it (passed to `server.onError`). */
export class HandlerError extends WeChatError {
  static override readonly errorName: string = 'HandlerError';
  /**
   * The push being handled when the handler threw. Not enumerable, so loggers that serialise the
   * error (pino, `JSON.stringify`) do not copy the user's message into the logs.
   */
  declare readonly inbound: InboundMessage;
  constructor(inbound: InboundMessage, cause: unknown) {
    super(`a push handler threw: ${describeCause(cause)}`, { cause });
    Object.defineProperty(this, 'inbound', { value: inbound, enumerable: false });
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${cause.message}` : cause.message;
  }
  return String(cause);
}
