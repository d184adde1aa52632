import type { Dispatcher } from 'undici';
import { ApiError, HttpError } from '../errors.js';
import { readBoundedBody } from './bounded-body.js';
import type { Download, HttpRequest, WholeDownload } from './client.js';
import { followSignal } from './follow-signal.js';
import { withTypedErrors } from './typed-body.js';

/**
 * Reading WeChat's answers (SPEC §9.5): JSON with its `errcode`, media bodies, and the errors a
 * proxy or gateway answers instead. One job, apart from the HTTP client's attempts and retries.
 */

type ResponseData = Dispatcher.ResponseData;

/** Reads an answer; a module-level function rather than a closure per call. */
export type Reader<T> = (response: ResponseData, request: HttpRequest) => Promise<T>;

/** Reads a JSON answer; HTTP 200 with a non-zero errcode is an error (SPEC §9.5). */
export async function readJson(response: ResponseData, request: HttpRequest): Promise<object> {
  const { path } = request;
  if (response.statusCode < 200 || response.statusCode > 299) await failStatus(response, path);
  const value = parseJson(await response.body.text(), response.statusCode, path);
  throwOnErrcode(value, path);
  return value;
}

/** Media downloads: bytes on success, JSON for errors (checked) and OA videos (`{ video_url }`). */
export async function readDownload(
  response: ResponseData,
  request: HttpRequest,
  translate: (error: unknown) => unknown,
): Promise<Download> {
  if (response.statusCode < 200 || response.statusCode > 299) await failStatus(response, request.path);
  if (!isJson(response)) {
    followSignal(response.body, request.signal);
    return { kind: 'body', body: withTypedErrors(response.body, translate), headers: response.headers };
  }
  const value = parseJson(await response.body.text(), response.statusCode, request.path);
  throwOnErrcode(value, request.path);
  return { kind: 'json', value, headers: response.headers };
}

/** {@link readDownload}, reading every byte (JSON too) under the `maxBytes` cap. */
export async function readWholeDownload(
  response: ResponseData,
  path: string,
  maxBytes: number,
): Promise<WholeDownload> {
  if (response.statusCode < 200 || response.statusCode > 299) await failStatus(response, path);
  const data = await readBoundedBody(response.body, response.headers, maxBytes, path);
  if (!isJson(response)) return { kind: 'bytes', data, headers: response.headers };
  const value = parseJson(data.toString('utf8'), response.statusCode, path);
  throwOnErrcode(value, path);
  return { kind: 'json', value, headers: response.headers };
}

/** WeChat answers errors (and an OA video's link) as JSON, sometimes labelled text/plain. */
function isJson(response: ResponseData): boolean {
  const type = String(response.headers['content-type'] ?? '').toLowerCase();
  return type.includes('json') || type.startsWith('text/plain');
}

/**
 * A non-zero `errcode` is an error even with HTTP 200 (SPEC §9.5). A proxy or an old gateway may
 * send it as a string (`"45015"`): that is an error too, never a success.
 */
function throwOnErrcode(value: Record<string, unknown>, path: string): void {
  const { errcode } = value;
  if (errcode === undefined || errcode === 0 || errcode === '0') return;
  const code = typeof errcode === 'number' ? errcode : Number(errcode);
  if (!Number.isInteger(code))
    throw new HttpError(200, path, { cause: new Error('errcode is not an integer') });
  const errmsg = typeof value.errmsg === 'string' ? value.errmsg : undefined;
  throw ApiError.from({ errcode: code, errmsg }, path);
}

/** Not 2xx: drain the body (so the connection can be reused) and fail. */
async function failStatus(response: ResponseData, path: string): Promise<never> {
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
