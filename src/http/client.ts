import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { Agent, type Dispatcher } from 'undici';
import { ApiError, HttpError, isWeChatError, NetworkError, TimeoutError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Settings } from '../options.js';
import { redactUrl } from './redact.js';
import { type Backoff, DEFAULT_BACKOFF, type RetryMode, withRetry } from './retry.js';

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

/** Internal knobs, for tests. */
export interface HttpClientInternals {
  backoff?: Partial<Backoff>;
}

type ResponseData = Dispatcher.ResponseData;

const TIMED_OUT = Symbol('timed out');
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
    this.#dispatcher = settings.http.dispatcher ?? new Agent({ keepAliveTimeout: 30_000 });
    this.#timeout = settings.http.timeout;
    this.#maxRetries = settings.http.maxRetries;
    this.#logger = settings.logger;
    this.#backoff = { ...DEFAULT_BACKOFF, ...internals.backoff };
  }

  /** Sends `request` and returns its JSON body; a non-zero `errcode` rejects with {@link ApiError.from}. */
  json<T extends object>(request: HttpRequest): Promise<T> {
    return this.#withRetry(request, (response) => readJson<T>(response, request.path));
  }

  /** Sends `request` (a download) and returns the body stream, or the JSON WeChat sent instead. */
  download(request: HttpRequest): Promise<Download> {
    return this.#withRetry(request, (response) => readDownload(response, request.path));
  }

  /** Closes the keep-alive connections of the Agent this client made (not a dispatcher you passed). */
  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }

  #withRetry<T>(request: HttpRequest, read: (response: ResponseData) => Promise<T>): Promise<T> {
    const maxRetries = request.maxRetries ?? this.#maxRetries;
    if (maxRetries === 0) return this.#attempt(request, read);
    return withRetry(() => this.#attempt(request, read), {
      mode: request.retry,
      maxRetries,
      backoff: this.#backoff,
      signal: request.signal,
      onRetry: (error, retry, delayMs) =>
        this.#logger.warn(
          { path: request.path, retry, delayMs, error: (error as Error).message },
          'retrying a WeChat API call',
        ),
    });
  }

  async #attempt<T>(request: HttpRequest, read: (response: ResponseData) => Promise<T>): Promise<T> {
    const { signal: userSignal } = request;
    if (userSignal?.aborted) throw userSignal.reason;
    const timeout = request.timeout ?? this.#timeout;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(TIMED_OUT), timeout);
    const onUserAbort = () => controller.abort(userSignal?.reason);
    userSignal?.addEventListener('abort', onUserAbort, { once: true });
    try {
      const response = await this.#dispatcher.request(this.#options(request, controller.signal));
      return await read(response);
    } catch (error) {
      throw this.#translate(error, request, timeout);
    } finally {
      clearTimeout(timer);
      userSignal?.removeEventListener('abort', onUserAbort);
    }
  }

  #options(request: HttpRequest, signal: AbortSignal): Dispatcher.RequestOptions {
    const path = `${this.#basePath}${request.path}${request.query ? `?${request.query}` : ''}`;
    const options: Dispatcher.RequestOptions = { origin: this.#origin, path, method: request.method, signal };
    if (request.body !== undefined) {
      options.body = request.body;
      options.headers =
        request.contentType === undefined ? JSON_HEADERS : { 'content-type': request.contentType };
    }
    return options;
  }

  /** Maps what undici threw to the error classes of DESIGN §6, without any credential. */
  #translate(error: unknown, request: HttpRequest, timeout: number): unknown {
    if (error === TIMED_OUT) return new TimeoutError(request.path, timeout);
    if (request.signal?.aborted && error === request.signal.reason) return error;
    if (isWeChatError(error)) return error;
    this.#logger.debug(
      { url: redactUrl(`${request.path}?${request.query ?? ''}`), code: (error as { code?: unknown }).code },
      'WeChat API network error',
    );
    return new NetworkError(request.path, { cause: error });
  }
}

/** Reads a JSON answer; HTTP 200 with a non-zero errcode is an error (SPEC §9.5). */
async function readJson<T extends object>(response: ResponseData, path: string): Promise<T> {
  await checkStatus(response, path);
  const value = parseJson(await response.body.text(), response.statusCode, path);
  const errcode = (value as { errcode?: unknown }).errcode;
  if (typeof errcode === 'number' && errcode !== 0) throw ApiError.from(value as { errcode: number }, path);
  return value as T;
}

/** Media downloads: bytes on success, JSON for errors (checked) and OA videos (`{ video_url }`). */
async function readDownload(response: ResponseData, path: string): Promise<Download> {
  await checkStatus(response, path);
  const type = String(response.headers['content-type'] ?? '').toLowerCase();
  if (!type.includes('json') && !type.startsWith('text/plain')) {
    return { kind: 'body', body: response.body, headers: response.headers };
  }
  const value = parseJson(await response.body.text(), response.statusCode, path);
  const errcode = (value as { errcode?: unknown }).errcode;
  if (typeof errcode === 'number' && errcode !== 0) throw ApiError.from(value as { errcode: number }, path);
  return { kind: 'json', value, headers: response.headers };
}

async function checkStatus(response: ResponseData, path: string): Promise<void> {
  if (response.statusCode >= 200 && response.statusCode < 300) return;
  await response.body.dump().catch(() => undefined);
  throw new HttpError(response.statusCode, path);
}

function parseJson(text: string, status: number, path: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // fall through: a proxy's HTML page, a truncated body
  }
  // The body itself is not attached: it is WeChat's (or a proxy's) and is not needed to act.
  throw new HttpError(status, path, { cause: new Error('the response body is not a JSON object') });
}
