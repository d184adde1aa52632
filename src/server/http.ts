/**
 * The framework-neutral request and response of `server.serve()` (DESIGN §7), and the few
 * fixed responses. Frameworks meet them through the adapters.
 */

/** A request as `serve()` takes it: `url` is the path with its query (or an absolute URL). */
export interface ServeRequest {
  method: string;
  url: string;
  /** Not used to pick the format (WeChat mislabels JSON); kept for adapters and logging. */
  headers?: Readonly<Record<string, string | readonly string[] | undefined>>;
  body?: string | Uint8Array | undefined;
}

/** What to send back. `body` is the whole response body. */
export interface ServeResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const PLAIN = 'text/plain; charset=utf-8';

/** `echostr`, `success` and error texts: plain text that browsers must not sniff (DESIGN §7). */
export function textResponse(status: number, body: string, extra?: Record<string, string>): ServeResponse {
  const headers: Record<string, string> = { 'content-type': PLAIN, 'x-content-type-options': 'nosniff' };
  return { status, headers: extra === undefined ? headers : Object.assign(headers, extra), body };
}

/** The acknowledgement WeChat expects when there is nothing to reply (SPEC §3.1). */
export function success(): ServeResponse {
  return textResponse(200, 'success');
}

/** A passive reply document. */
export function documentResponse(format: 'xml' | 'json', body: string): ServeResponse {
  const type = format === 'xml' ? 'application/xml; charset=utf-8' : 'application/json; charset=utf-8';
  return { status: 200, headers: { 'content-type': type, 'x-content-type-options': 'nosniff' }, body };
}

const PHRASES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
};

/** An error status with its reason phrase only: details go to the logger, never to the caller. */
export function errorResponse(status: number): ServeResponse {
  return textResponse(
    status,
    PHRASES[status] ?? 'Error',
    status === 405 ? { allow: 'GET, POST' } : undefined,
  );
}
