import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { type Dispatcher, Pool } from 'undici';
import { ApiError, ConfigError, isWeChatError, NetworkError, TimeoutError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Settings } from '../options.js';
import { COARSE_TIMEOUT_FROM_MS, Deadline } from './deadline.js';
import { type Reader, readDownload, readJson, readWholeDownload } from './read-response.js';
import { redactUrl } from './redact.js';
import { type Backoff, DEFAULT_BACKOFF, type RetryMode, retryDelay, sleep } from './retry.js';

/** Per-call options, last argument of every API method (DESIGN §5). */
export interface RequestOptions {
  /** Aborts the call; it then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout in ms. @default settings.http.timeout (10_000) */
  timeout?: number | undefined;
  /** Retries after the first attempt where retrying is safe. @default settings.http.maxRetries (2) */
  maxRetries?: number | undefined;
}

/** One API call as the HTTP layer sees it. */
export interface HttpRequest extends RequestOptions {
  method: 'GET' | 'POST';
  /** The API path, e.g. `/cgi-bin/message/custom/send`; errors name it. */
  path: string;
  /** The query after `?`, already encoded; may carry credentials (never logged unredacted). */
  query?: string | undefined;
  body?: string | Buffer | undefined;
  /** @default 'application/json' when there is a body */
  contentType?: string | undefined;
  retry: RetryMode;
}

/** A download's answer: JSON (an OA video's `{ video_url }`) or a body stream with its headers. */
export type Download =
  | { kind: 'json'; value: Record<string, unknown>; headers: IncomingHttpHeaders }
  | { kind: 'body'; body: Readable; headers: IncomingHttpHeaders };

/** A download read whole: JSON as for {@link Download}, or all the bytes. */
export type WholeDownload =
  | { kind: 'json'; value: Record<string, unknown>; headers: IncomingHttpHeaders }
  | { kind: 'bytes'; data: Buffer; headers: IncomingHttpHeaders };

/** Internal knobs, for tests. */
export interface HttpClientInternals {
  backoff?: Partial<Backoff>;
}

type ResponseData = Dispatcher.ResponseData;

/** undici's timeouts: connecting (before anything was sent), waiting for headers, body idle. */
const TIMEOUT_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * The HTTP layer: undici with keep-alive, a per-attempt timeout, the caller's `signal`, JSON
 * parsing, errcode → {@link ApiError} mapping and the retry policy of DESIGN §5.
 */
export class HttpClient {
  readonly #origin: string;
  readonly #basePath: string;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #timeout: number;
  readonly #maxRetries: number;
  readonly #logger: Logger;
  readonly #backoff: Backoff;

  constructor(settings: Settings, internals: HttpClientInternals = {}) {
    const base = new URL(settings.baseUrl);
    this.#origin = base.origin;
    this.#basePath = base.pathname.replace(/\/+$/, '');
    this.#ownsDispatcher = settings.http.dispatcher === undefined;
    // One origin only, so a Pool of its own (an Agent would look the origin's pool up per call),
    // with the default timeout built in: calls at the default then pass no per-request timeouts.
    const timeout = settings.http.timeout;
    this.#dispatcher =
      settings.http.dispatcher ??
      new Pool(this.#origin, {
        keepAliveTimeout: 30_000,
        headersTimeout: timeout,
        bodyTimeout: timeout,
        connect: { timeout },
      });
    this.#timeout = settings.http.timeout;
    this.#maxRetries = settings.http.maxRetries;
    this.#logger = settings.logger;
    this.#backoff = { ...DEFAULT_BACKOFF, ...internals.backoff };
  }

  /**
   * Sends `request` and returns its JSON body; a non-zero `errcode` rejects with {@link ApiError.from}.
   * `auth` (`access_token=…`) goes first in the query; it is kept apart from `request` so an
   * authenticated call needs no copy of its request (the send hot path).
   */
  json<T extends object>(request: HttpRequest, auth?: string): Promise<T> {
    return this.#send(request, auth, readJson as Reader<T>, false);
  }

  /**
   * Sends `request` (a download) and returns the body stream, or the JSON WeChat sent instead.
   * `timeout` covers the attempt up to the response headers (then undici's body-idle timer);
   * `signal` keeps destroying the stream until it has been read or destroyed.
   */
  download(request: HttpRequest, auth?: string): Promise<Download> {
    const timeout = request.timeout ?? this.#timeout;
    const translate = (error: unknown) => this.#translate(error, request, timeout);
    return this.#send(request, auth, (response) => readDownload(response, request, translate), false);
  }

  /**
   * Sends `request` (a download) and reads the whole body, at most `maxBytes`, within the
   * attempt: `timeout` bounds connecting, the headers and every byte of the body together.
   */
  downloadWhole(request: HttpRequest, maxBytes: number, auth?: string): Promise<WholeDownload> {
    const read = (response: ResponseData) => readWholeDownload(response, request.path, maxBytes);
    return this.#send(request, auth, read, true);
  }

  /** Closes the keep-alive connections of the Pool this client made (not a dispatcher you passed). */
  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }

  /**
   * Attempts until one succeeds or {@link retryDelay} says stop. One async function for the loop
   * and the attempt, and no closure or policy object unless an attempt fails: this is the send
   * hot path, which must stay close to a bare undici `request()` (DESIGN §1.7).
   *
   * From {@link COARSE_TIMEOUT_FROM_MS} on, the timeout is undici's own (connect, headers and
   * body-idle timeouts, each set to `timeout`), which costs nothing per call. Shorter timeouts get
   * an exact {@link Deadline}, since undici's timers tick too coarsely for them. So does a `whole`
   * attempt (the body is read inside it): undici's timers bound each phase, never the sum, and a
   * body trickling a few bytes a second would never time out.
   */
  async #send<T>(
    request: HttpRequest,
    auth: string | undefined,
    read: Reader<T>,
    whole: boolean,
  ): Promise<T> {
    if (request.timeout !== undefined || request.maxRetries !== undefined) checkCallOptions(request);
    const timeout = request.timeout ?? this.#timeout;
    for (let retry = 0; ; retry++) {
      if (request.signal?.aborted) throw request.signal.reason;
      const deadline =
        whole || timeout < COARSE_TIMEOUT_FROM_MS ? new Deadline(timeout, request.signal) : undefined;
      let failure: unknown;
      try {
        const options = this.#options(request, auth, timeout, deadline?.signal);
        return await read(await this.#dispatcher.request(options), request);
      } catch (error) {
        failure = deadline?.expired
          ? new TimeoutError(request.path, timeout, { cause: error })
          : this.#translate(error, request, timeout);
      } finally {
        deadline?.clear();
      }
      const delayMs = retryDelay(failure, retry, {
        mode: request.retry,
        maxRetries: request.maxRetries ?? this.#maxRetries,
        backoff: this.#backoff,
        signal: request.signal,
      });
      if (delayMs === undefined) throw failure;
      this.#logger.warn(
        { path: request.path, retry: retry + 1, delayMs, error: (failure as Error).message },
        'retrying a WeChat API call',
      );
      await sleep(delayMs, request.signal);
    }
  }

  #options(
    request: HttpRequest,
    auth: string | undefined,
    timeout: number,
    deadline: AbortSignal | undefined,
  ): Dispatcher.RequestOptions {
    const query = auth === undefined ? request.query : request.query ? `${auth}&${request.query}` : auth;
    const path = `${this.#basePath}${request.path}${query ? `?${query}` : ''}`;
    const options: Dispatcher.RequestOptions = { origin: this.#origin, path, method: request.method };
    // Our own Pool already has the default timeout; a dispatcher passed in has its own defaults.
    if (!this.#ownsDispatcher || timeout !== this.#timeout) {
      options.headersTimeout = timeout;
      options.bodyTimeout = timeout;
    }
    const signal = deadline ?? request.signal;
    if (signal !== undefined) options.signal = signal;
    if (request.body !== undefined) {
      options.body = request.body;
      options.headers =
        request.contentType === undefined ? JSON_HEADERS : { 'content-type': request.contentType };
    }
    return options;
  }

  /** Maps what undici threw to the error classes of DESIGN §6, without any credential. */
  #translate(error: unknown, request: HttpRequest, timeout: number): unknown {
    if (request.signal?.aborted && error === request.signal.reason) return error;
    if (isWeChatError(error)) return error;
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
      return new TimeoutError(request.path, timeout, { cause: error });
    }
    this.#logger.debug(
      { url: redactUrl(`${request.path}?${request.query ?? ''}`), code },
      'WeChat API network error',
    );
    return new NetworkError(request.path, { cause: error });
  }
}

/** Per-call options get the same checks as the Application's `http` options. */
function checkCallOptions({ timeout, maxRetries }: RequestOptions): void {
  if (timeout !== undefined && !(typeof timeout === 'number' && Number.isFinite(timeout) && timeout > 0)) {
    throw new ConfigError('timeout', `must be a positive number of ms, got ${String(timeout)}`);
  }
  if (maxRetries !== undefined && !(Number.isInteger(maxRetries) && maxRetries >= 0)) {
    throw new ConfigError('maxRetries', `must be a non-negative integer, got ${String(maxRetries)}`);
  }
}
