import type { Readable } from 'node:stream';

/**
 * Keeps a response body under the caller's `signal` until it closes (read to the end or
 * destroyed): an abort destroys it with `signal.reason`. The attempt's own abort wiring ends
 * with the response headers, but a stream handed to the caller may be read for much longer.
 */
export function followSignal(body: Readable, signal: AbortSignal | undefined): void {
  if (signal === undefined || body.destroyed) return;
  if (signal.aborted) {
    body.destroy(signal.reason);
    return;
  }
  const onAbort = () => body.destroy(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  body.once('close', () => signal.removeEventListener('abort', onAbort));
}
