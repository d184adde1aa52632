import { request } from 'undici';

/** What a webhook answered, and how long it took. */
export interface WebhookAnswer {
  status: number;
  body: string;
  ms: number;
  location: string | undefined;
}

/** Longer than WeChat's 5 s, so a slow answer is measured rather than cut off. */
const TIMEOUT_MS = 10_000;
/** Enough for any reply WeChat would accept. */
const MAX_BODY_BYTES = 64 * 1024;

/** One request to the user's webhook; never follows redirects (WeChat does not either). */
export async function callWebhook(
  url: URL,
  init: { method: 'GET' | 'POST'; body?: string; contentType?: string },
): Promise<WebhookAnswer> {
  const started = performance.now();
  const response = await request(url, {
    method: init.method,
    ...(init.body === undefined ? {} : { body: init.body }),
    headers: init.contentType === undefined ? {} : { 'content-type': init.contentType },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      response.body.destroy();
      break;
    }
    chunks.push(chunk as Buffer);
  }
  const location = response.headers.location;
  return {
    status: response.statusCode,
    body: Buffer.concat(chunks).toString('utf8'),
    ms: Math.round(performance.now() - started),
    location: typeof location === 'string' ? location : undefined,
  };
}

/** The webhook URL with a signed query added (keeping any query it already has). */
export function withQuery(webhook: URL, signedUrl: string): URL {
  const url = new URL(webhook);
  const query = new URLSearchParams(signedUrl.slice(signedUrl.indexOf('?') + 1));
  for (const [name, value] of query) url.searchParams.set(name, value);
  return url;
}

/** A short, single-line excerpt of a body for a message. */
export function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 80 ? `${flat.slice(0, 80)}…` : flat);
}

/** A network failure in words: `ECONNREFUSED`, a timeout, a DNS error. */
export function describeNetworkError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError')
    return `no answer within ${TIMEOUT_MS / 1000} s`;
  const cause = error instanceof Error ? ((error.cause as Error | undefined) ?? error) : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  const message = cause?.message ?? String(error);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}
