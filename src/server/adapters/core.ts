import { ConfigError } from '../../errors.js';
import type { ServeRequest, ServeResponse } from '../http.js';
import type { Handled } from '../pipeline.js';
import type { PushQuery } from '../query.js';
import { contentLength, type NodeStream, readThen, type WebStream } from './read-body.js';

/** What adapters get from the server: the core and its pre-body checks. */
export interface AdapterCore {
  /**
   * The query, parsed once for the whole request, or the answer that needs no body: 405, 401
   * (a POST without `signature`), 413 (a declared Content-Length over the limit). `undefined`
   * leaves a malformed query to the core.
   */
  precheck(
    method: string,
    url: string,
    contentLength: number | undefined,
  ): PushQuery | ServeResponse | undefined;
  /** `serve()`, given the query `precheck` parsed; synchronous when the pipeline was. */
  serve(request: ServeRequest, query: PushQuery | undefined): ServeResponse | Promise<ServeResponse>;
  /** `serve()` without waiting for follow-up work, for `waitUntil` platforms. */
  handle(request: ServeRequest, query: PushQuery | undefined): Promise<Handled>;
  /** A response for an error met while reading the body (413, 400), logged like the core's. */
  refuse(error: unknown): ServeResponse;
  readonly maxBodyBytes: number;
  readonly waitForHandlers: boolean;
}

/** A framework request, reduced to what the core needs. */
export interface RawRequest {
  method: string;
  url: string;
  contentLength: string | readonly string[] | number | null | undefined;
  /** A raw copy kept by a body parser (`req.rawBody`, koa-bodyparser's `request.rawBody`). */
  rawBody?: unknown;
  /** What the framework put in `body`: a string or Buffer is used, an object is an error. */
  body?: unknown;
  /** The unread body; absent when the framework has read it. */
  stream?: NodeStream | WebStream | null | undefined;
  /** True when a body parser already consumed the stream. */
  consumed?: boolean | undefined;
}

/**
 * The response to `raw` (DESIGN §7): an early one (405, 401 without signature, 413) before any
 * reading; else the request served with its body from, in order, `rawBody`, a string/bytes
 * `body`, the stream (one bounded read, no copies of the request on the way). A body some parser
 * already consumed rejects with a ConfigError naming `fix` for the framework. With `waitUntil`
 * (and without `waitForHandlers`) the follow-up work is handed to it instead of waited for.
 */
export function respond(
  core: AdapterCore,
  raw: RawRequest,
  fix: string,
  waitUntil?: (promise: Promise<unknown>) => void,
): Promise<ServeResponse> {
  try {
    const length = contentLength(raw.contentLength);
    const checked = core.precheck(raw.method, raw.url, length);
    if (checked !== undefined && 'status' in checked) return Promise.resolve(checked);
    const { method, url } = raw;
    const body = raw.method.toUpperCase() === 'POST' ? bodyOf(raw, fix) : undefined;
    if (body === undefined || typeof body === 'string' || body instanceof Uint8Array) {
      return Promise.resolve(serveWith(core, { method, url, body }, checked, waitUntil));
    }
    return readThen(
      body,
      length,
      core.maxBodyBytes,
      (bytes) => serveWith(core, { method, url, body: bytes }, checked, waitUntil),
      (error: unknown) => core.refuse(error),
    );
  } catch (error) {
    return Promise.reject(error);
  }
}

function serveWith(
  core: AdapterCore,
  request: ServeRequest,
  query: PushQuery | undefined,
  waitUntil: ((promise: Promise<unknown>) => void) | undefined,
): ServeResponse | Promise<ServeResponse> {
  if (waitUntil === undefined || core.waitForHandlers) return core.serve(request, query);
  return core.handle(request, query).then(({ response, pending }) => {
    if (pending !== undefined) waitUntil(pending);
    return response;
  });
}

/** The raw body, or the stream to read it from; throws when a parser took it (DESIGN §7). */
function bodyOf(raw: RawRequest, fix: string): string | Uint8Array | NodeStream | WebStream | undefined {
  if (isBytes(raw.rawBody)) return raw.rawBody;
  if (isBytes(raw.body)) return raw.body;
  const parsed = raw.body !== undefined && raw.body !== null;
  // A parser that found nothing to parse may leave `{}` and the stream unread (Express 4): read it.
  const unreadEmpty = parsed && !raw.consumed && raw.stream && isEmptyObject(raw.body);
  if ((parsed || raw.consumed) && !unreadEmpty) {
    throw new ConfigError(
      'body',
      `the request body was already parsed, but the signature needs the raw bytes. ${fix}`,
    );
  }
  return raw.stream ?? undefined;
}

function isBytes(value: unknown): value is string | Uint8Array {
  return typeof value === 'string' || value instanceof Uint8Array;
}

function isEmptyObject(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Object.keys(body).length === 0;
}
