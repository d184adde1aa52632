import { ConfigError } from '../../errors.js';
import type { ServeRequest, ServeResponse } from '../http.js';
import type { Handled } from '../pipeline.js';
import { contentLength, type NodeStream, readBounded, type WebStream } from './read-body.js';

/** What adapters get from the server: the core and its pre-body checks. */
export interface AdapterCore {
  serve(request: ServeRequest): Promise<ServeResponse>;
  /** `serve()` without waiting for follow-up work, for `waitUntil` platforms. */
  handle(request: ServeRequest): Promise<Handled>;
  precheck(method: string, url: string, contentLength: number | undefined): ServeResponse | undefined;
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
 * The request to serve, its body from, in order, `rawBody`, a string/bytes `body`, the stream
 * (DESIGN §7); or an early response (405, 401 without signature, 413) given before any reading.
 * A body some parser already consumed throws a ConfigError naming `fix` for the framework.
 */
export async function readRequest(
  core: AdapterCore,
  raw: RawRequest,
  fix: string,
): Promise<ServeRequest | ServeResponse> {
  const length = contentLength(raw.contentLength);
  const early = core.precheck(raw.method, raw.url, length);
  if (early !== undefined) return early;
  const request = { method: raw.method, url: raw.url };
  if (raw.method.toUpperCase() !== 'POST') return request;
  const given = isBytes(raw.rawBody) ? raw.rawBody : isBytes(raw.body) ? raw.body : undefined;
  if (given !== undefined) return { ...request, body: given };
  const parsed = raw.body !== undefined && raw.body !== null;
  // A parser that found nothing to parse may leave `{}` and the stream unread (Express 4): read it.
  const unreadEmpty = parsed && !raw.consumed && raw.stream && isEmptyObject(raw.body);
  if ((parsed || raw.consumed) && !unreadEmpty) {
    throw new ConfigError(
      'body',
      `the request body was already parsed, but the signature needs the raw bytes. ${fix}`,
    );
  }
  if (raw.stream === undefined || raw.stream === null) return request;
  try {
    return { ...request, body: await readBounded(raw.stream, length, core.maxBodyBytes) };
  } catch (error) {
    return core.refuse(error);
  }
}

function isBytes(value: unknown): value is string | Uint8Array {
  return typeof value === 'string' || value instanceof Uint8Array;
}

function isEmptyObject(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Object.keys(body).length === 0;
}

/** Tells an early or final response apart from a request to serve. */
export function isResponse(value: ServeRequest | ServeResponse): value is ServeResponse {
  return 'status' in value;
}
