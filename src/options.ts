import type { Dispatcher } from 'undici';
import { type Cache, MemoryCache } from './auth/cache.js';
import { ConfigError } from './errors.js';
import { consoleLogger, type Logger } from './logger.js';
import {
  checkAesKey,
  checkAppId,
  checkBaseUrl,
  checkKind,
  checkNonEmpty,
  checkSecret,
  checkToken,
  count,
  list,
  positiveMs,
} from './option-checks.js';
import {
  checkCache,
  checkClock,
  checkDispatcher,
  checkLogger,
  checkProvider,
  flag,
  section,
} from './option-types.js';

/** Which kind of WeChat account the Application speaks for; reply and send rules differ. */
export type AccountKind = 'miniprogram' | 'official-account';

/** What a central token service hands back. `expiresIn` is in milliseconds. */
export interface ProvidedToken {
  token: string;
  expiresIn: number;
}

/** Replaces the built-in token manager with your own token service (DESIGN §5). */
export type AccessTokenProvider = (options: { forceRefresh: boolean }) => Promise<ProvidedToken>;

export interface HttpOptions {
  /**
   * Per-attempt timeout in ms.
   * @default 10_000
   */
  timeout?: number | undefined;
  /**
   * Retries after the first attempt, where retrying is safe (DESIGN §5).
   * @default 2
   */
  maxRetries?: number | undefined;
  /** An undici Dispatcher (Agent, ProxyAgent, MockAgent); default: a keep-alive Agent. */
  dispatcher?: Dispatcher | undefined;
}

export interface ServerOptions {
  /**
   * Answer `success` if the handlers have not finished after this many ms; their reply then goes
   * out through the API. WeChat waits 5 s (SPEC §3.2).
   * @default 4_500
   */
  deadline?: number | undefined;
  /** Resolve `serve()` only when handlers and their API deliveries are done (serverless). @default false */
  waitForHandlers?: boolean | undefined;
  /** De-duplicate retried/replayed pushes. Turn off only for benchmarks and tests. @default true */
  dedupe?: boolean | undefined;
  /** Refuse plaintext pushes. @default true when an aesKey is set */
  requireEncryption?: boolean | undefined;
  /** Largest accepted push body in bytes (HTTP 413 above). @default 65_536 */
  maxBodyBytes?: number | undefined;
  /** Largest accepted distance of `timestamp` from now in ms, or `false` to skip. @default 300_000 */
  maxClockSkew?: number | false | undefined;
}

export interface MediaOptions {
  /**
   * Largest upload per media type in bytes; larger is refused before sending (SPEC §6.1).
   * @default { image: 2 MB, voice: 2 MB, video: 10 MB, thumb: 64 KB }
   */
  maxBytes?: Partial<Record<MediaType, number>> | undefined;
}

export type MediaType = 'image' | 'voice' | 'video' | 'thumb';

export interface ApplicationOptions<K extends AccountKind = AccountKind> {
  /** The AppID (`wx…`). */
  appId: string;
  /** The AppSecret; required to call WeChat APIs (not to receive pushes). */
  secret?: string | undefined;
  /** The Token of 消息推送配置; required to receive pushes. An array (newest first) rotates. */
  token?: string | readonly string[] | undefined;
  /** The EncodingAESKey (43 chars); required for compatible/safe mode. An array rotates. */
  aesKey?: string | readonly string[] | undefined;
  /** The id inside ciphertexts. @default appId (third-party platforms: the component appId) */
  receiveId?: string | undefined;
  /** @default 'miniprogram' */
  kind?: K | undefined;
  /** API host, e.g. the simulator or `https://api2.weixin.qq.com`. @default 'https://api.weixin.qq.com' */
  baseUrl?: string | undefined;
  /** Shared store for tokens and de-duplication; default: two separate in-memory stores. */
  cache?: Cache | undefined;
  /** Use `/cgi-bin/stable_token` (true) or the classic `/cgi-bin/token`. @default true */
  stableToken?: boolean | undefined;
  /** Your own token service instead of fetching tokens here. */
  accessToken?: AccessTokenProvider | undefined;
  http?: HttpOptions | undefined;
  server?: ServerOptions | undefined;
  media?: MediaOptions | undefined;
  /** Current time in epoch ms. @default Date.now */
  clock?: (() => number) | undefined;
  /** @default warnings and errors to the console */
  logger?: Logger | undefined;
}

/** Options with defaults applied. Holds no credential: those live in {@link Credentials}. */
export interface Settings<K extends AccountKind = AccountKind> {
  readonly appId: string;
  readonly kind: K;
  readonly receiveId: string;
  readonly baseUrl: string;
  readonly stableToken: boolean;
  readonly http: { readonly timeout: number; readonly maxRetries: number; readonly dispatcher?: Dispatcher };
  readonly server: {
    readonly deadline: number;
    readonly waitForHandlers: boolean;
    readonly dedupe: boolean;
    readonly requireEncryption: boolean;
    readonly maxBodyBytes: number;
    readonly maxClockSkew: number | false;
  };
  readonly mediaMaxBytes: Readonly<Record<MediaType, number>>;
  readonly clock: () => number;
  readonly logger: Logger;
  /** Where tokens and refresh locks live. */
  readonly tokenCache: Cache;
  /** Where de-duplication keys live (a separate store by default, so they never evict the token). */
  readonly dedupeCache: Cache;
}

/**
 * Credentials, kept apart from {@link Settings} so they can be handed only to the services that
 * need them and stored there in `#private` fields (never printed by `util.inspect`/`JSON`).
 */
export interface Credentials {
  readonly secret: string | undefined;
  /** Newest first. */
  readonly tokens: readonly string[];
  /** Newest first; each 43 chars, checked. */
  readonly aesKeys: readonly string[];
  readonly accessToken: AccessTokenProvider | undefined;
}

const MB = 1024 * 1024;
const DEFAULT_MEDIA_MAX_BYTES: Record<MediaType, number> = {
  image: 2 * MB,
  voice: 2 * MB,
  video: 10 * MB,
  thumb: 64 * 1024,
};

/** Validates options and applies defaults; throws {@link ConfigError} naming the option and the fix. */
export function resolveOptions<K extends AccountKind>(
  options: ApplicationOptions<K>,
): { settings: Settings<K>; credentials: Credentials } {
  if (typeof options !== 'object' || options === null) {
    throw new ConfigError('options', 'pass an object: new Application({ appId, secret, token, aesKey })');
  }
  const credentials = resolveCredentials(options);
  const appId = checkAppId(options.appId);
  const clock = checkClock(options.clock) ?? Date.now;
  const cache = checkCache(options.cache);
  const settings: Settings<K> = {
    appId,
    kind: checkKind(options.kind ?? 'miniprogram') as K,
    receiveId: options.receiveId === undefined ? appId : checkNonEmpty('receiveId', options.receiveId),
    baseUrl: checkBaseUrl(options.baseUrl ?? 'https://api.weixin.qq.com'),
    stableToken: flag('stableToken', options.stableToken, true),
    http: resolveHttp(section('http', options.http)),
    server: resolveServer(section('server', options.server), credentials.aesKeys.length > 0),
    mediaMaxBytes: {
      ...DEFAULT_MEDIA_MAX_BYTES,
      ...checkMediaLimits(section('media', options.media).maxBytes),
    },
    clock,
    logger: checkLogger(options.logger) ?? consoleLogger,
    tokenCache: cache ?? new MemoryCache({ max: 1_000, clock }),
    dedupeCache: cache ?? new MemoryCache({ max: 100_000, clock }),
  };
  return { settings, credentials };
}

function resolveCredentials(options: ApplicationOptions<AccountKind>): Credentials {
  const secret = checkSecret(options.secret);
  const tokens = list('token', options.token).map(checkToken);
  const aesKeys = list('aesKey', options.aesKey).map((key, i) => checkAesKey(key, i));
  if (secret !== undefined && tokens.includes(secret)) {
    throw new ConfigError(
      'token',
      'equals the secret. The token is the one you chose in 消息推送配置 (message push settings), not the AppSecret',
    );
  }
  return { secret, tokens, aesKeys, accessToken: checkProvider(options.accessToken) };
}

function resolveHttp(http: HttpOptions): Settings['http'] {
  const dispatcher = checkDispatcher(http.dispatcher);
  return {
    timeout: positiveMs('http.timeout', http.timeout ?? 10_000),
    maxRetries: count('http.maxRetries', http.maxRetries ?? 2),
    ...(dispatcher ? { dispatcher } : {}),
  };
}

function resolveServer(server: ServerOptions, hasAesKey: boolean): Settings['server'] {
  const requireEncryption = flag('server.requireEncryption', server.requireEncryption, hasAesKey);
  if (requireEncryption && !hasAesKey) {
    throw new ConfigError('server.requireEncryption', 'needs an aesKey (the EncodingAESKey of 消息推送配置)');
  }
  return {
    deadline: positiveMs('server.deadline', server.deadline ?? 4_500),
    waitForHandlers: flag('server.waitForHandlers', server.waitForHandlers, false),
    dedupe: flag('server.dedupe', server.dedupe, true),
    requireEncryption,
    maxBodyBytes: positiveMs('server.maxBodyBytes', server.maxBodyBytes ?? 65_536),
    maxClockSkew:
      server.maxClockSkew === false
        ? false
        : positiveMs('server.maxClockSkew', server.maxClockSkew ?? 300_000),
  };
}

function checkMediaLimits(limits: MediaOptions['maxBytes']): Partial<Record<MediaType, number>> {
  const checked: Partial<Record<MediaType, number>> = {};
  for (const [type, bytes] of Object.entries(section('media.maxBytes', limits))) {
    if (!(type in DEFAULT_MEDIA_MAX_BYTES)) {
      throw new ConfigError(`media.maxBytes.${type}`, 'unknown media type; use image, voice, video or thumb');
    }
    checked[type as MediaType] = positiveMs(`media.maxBytes.${type}`, bytes);
  }
  return checked;
}
