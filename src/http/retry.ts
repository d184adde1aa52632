import { ApiError, HttpError, NetworkError, TimeoutError } from '../errors.js';

/**
 * How far a request may be retried (DESIGN §5):
 * - `idempotent`: GETs, token fetches, typing, uploads. Retried on network errors, timeouts,
 *   5xx/429 and errcode -1 (system busy).
 * - `unsent-only`: message-sending POSTs. Retried only when the request never left this machine
 *   (connection refused, DNS): anything later may have reached WeChat, and a retry could deliver
 *   the message twice.
 *
 * No mode retries 45009/45011 (quota), 45015 (window) or 45047 (window quota): those need the
 * caller to wait for the user or the next day, not a retry a few hundred ms later.
 */
export type RetryMode = 'idempotent' | 'unsent-only';

/** Error codes raised before any byte of the request was written: safe to retry any request. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** True if `cause` (an undici/node error) shows the request was never written to a socket. */
export function wasNeverSent(cause: unknown): boolean {
  if (typeof cause !== 'object' || cause === null) return false;
  const { code, socket } = cause as { code?: unknown; socket?: { bytesWritten?: unknown } };
  if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return true;
  // undici's SocketError reports how much of the request it wrote before the socket closed.
  return code === 'UND_ERR_SOCKET' && socket?.bytesWritten === 0;
}

/** Whether `error` from one attempt justifies another attempt under `mode`. */
export function isRetryable(error: unknown, mode: RetryMode): boolean {
  if (error instanceof NetworkError || error instanceof TimeoutError) {
    return mode === 'idempotent' || wasNeverSent(error.cause);
  }
  if (mode === 'unsent-only') return false;
  if (error instanceof HttpError) return error.status >= 500 || error.status === 429;
  return error instanceof ApiError && error.errcode === -1;
}

/** Backoff parameters: delays grow from `baseMs` to `capMs`; `random` is injectable for tests. */
export interface Backoff {
  /** @default 200 */
  baseMs: number;
  /** @default 5_000 */
  capMs: number;
  /** @default Math.random */
  random: () => number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 200, capMs: 5_000, random: Math.random };

/**
 * Delay before retry number `retry` (0-based): exponential with "equal jitter", i.e. half the
 * ceiling plus a random half, so many clients that failed together do not retry together.
 */
export function backoffDelay(retry: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(backoff.capMs, backoff.baseMs * 2 ** retry);
  return Math.round(ceiling / 2 + (backoff.random() * ceiling) / 2);
}

/** Waits `ms`; rejects with the signal's reason as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * The delay before retry number `retry + 1` after `error`, or `undefined` when the call must fail
 * with `error`: the mode does not allow it or `maxRetries` are used up. An aborted `signal` fails
 * the call with the signal's reason.
 */
export function retryDelay(
  error: unknown,
  retry: number,
  policy: { mode: RetryMode; maxRetries: number; backoff: Backoff; signal?: AbortSignal | undefined },
): number | undefined {
  if (policy.signal?.aborted) throw policy.signal.reason;
  if (retry >= policy.maxRetries || !isRetryable(error, policy.mode)) return undefined;
  return backoffDelay(retry, policy.backoff);
}
