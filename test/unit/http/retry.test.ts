import { describe, expect, it } from 'vitest';
import { ApiError, HttpError, NetworkError, TimeoutError } from '../../../src/errors.js';
import { backoffDelay, isRetryable, retryDelay, sleep, wasNeverSent } from '../../../src/http/retry.js';

const network = (cause: object) => new NetworkError('/p', { cause });
const api = (errcode: number) => ApiError.from({ errcode, errmsg: 'x' }, '/p');

describe('isRetryable', () => {
  it('retries idempotent calls on network errors, timeouts, 5xx, 429 and -1', () => {
    for (const error of [
      network({ code: 'ECONNRESET' }),
      new TimeoutError('/p', 10),
      new HttpError(502, '/p'),
      new HttpError(429, '/p'),
      api(-1),
    ]) {
      expect(isRetryable(error, 'idempotent')).toBe(true);
    }
  });

  it('never retries quota, window and client errors', () => {
    for (const errcode of [45009, 45011, 45015, 45047, 40003, 40001]) {
      expect(isRetryable(api(errcode), 'idempotent')).toBe(false);
    }
    expect(isRetryable(new HttpError(404, '/p'), 'idempotent')).toBe(false);
    expect(isRetryable(new Error('bug'), 'idempotent')).toBe(false);
  });

  it('retries a message send only when the request was never written', () => {
    expect(isRetryable(network({ code: 'ECONNREFUSED' }), 'unsent-only')).toBe(true);
    expect(isRetryable(network({ code: 'ENOTFOUND' }), 'unsent-only')).toBe(true);
    expect(isRetryable(network({ code: 'ECONNRESET' }), 'unsent-only')).toBe(false);
    expect(isRetryable(new TimeoutError('/p', 10), 'unsent-only')).toBe(false);
    const connectTimeout = new TimeoutError('/p', 10, { cause: { code: 'UND_ERR_CONNECT_TIMEOUT' } });
    expect(isRetryable(connectTimeout, 'unsent-only')).toBe(true);
    expect(isRetryable(api(-1), 'unsent-only')).toBe(false);
    expect(isRetryable(new HttpError(503, '/p'), 'unsent-only')).toBe(false);
  });

  it('reads undici’s bytesWritten to tell an unwritten request from a written one', () => {
    expect(wasNeverSent({ code: 'UND_ERR_SOCKET', socket: { bytesWritten: 0 } })).toBe(true);
    expect(wasNeverSent({ code: 'UND_ERR_SOCKET', socket: { bytesWritten: 120 } })).toBe(false);
    expect(wasNeverSent(undefined)).toBe(false);
  });
});

describe('backoffDelay', () => {
  it('grows exponentially with jitter between half and all of the ceiling, up to the cap', () => {
    const at = (random: number) => (retry: number) =>
      backoffDelay(retry, { baseMs: 100, capMs: 1_000, random: () => random });
    expect([0, 1, 2, 3, 4].map(at(0))).toEqual([50, 100, 200, 400, 500]);
    expect([0, 1, 2, 3, 4].map(at(1))).toEqual([100, 200, 400, 800, 1_000]);
  });
});

describe('retryDelay', () => {
  const policy = {
    mode: 'idempotent' as const,
    maxRetries: 2,
    backoff: { baseMs: 100, capMs: 1_000, random: () => 0 },
  };

  it('backs off for retryable errors until maxRetries are used', () => {
    expect(retryDelay(api(-1), 0, policy)).toBe(50);
    expect(retryDelay(api(-1), 1, policy)).toBe(100);
    expect(retryDelay(api(-1), 2, policy)).toBeUndefined();
  });

  it('says stop for errors the mode does not retry', () => {
    expect(retryDelay(api(45047), 0, policy)).toBeUndefined();
    expect(retryDelay(api(-1), 0, { ...policy, mode: 'unsent-only' })).toBeUndefined();
  });

  it('fails with the signal’s reason once the caller aborted', () => {
    const reason = new Error('stop');
    expect(() => retryDelay(api(-1), 0, { ...policy, signal: AbortSignal.abort(reason) })).toThrow(reason);
  });
});

describe('sleep', () => {
  it('rejects at once on an aborted signal', async () => {
    const reason = new Error('gone');
    await expect(sleep(60_000, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    setTimeout(() => controller.abort(reason), 20);
    await expect(sleep(60_000, controller.signal)).rejects.toBe(reason);
  });
});
