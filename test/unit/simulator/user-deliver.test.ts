import { describe, expect, it } from 'vitest';
import { type Answer, deliver, type Transport } from '../../../src/simulator/user/deliver.js';
import type { PushRequest } from '../../../src/simulator/user/push.js';

const PUSH: PushRequest = {
  url: 'http://127.0.0.1:1/wechat?signature=abc&timestamp=1&nonce=2&openid=o',
  headers: { 'content-type': 'text/xml' },
  body: '<xml><Content><![CDATA[hi]]></Content></xml>',
};

/** A deadline short enough for a unit test: attempts that hang never answer, so none races it. */
const DEADLINE = 20;

/**
 * A scripted webhook: `'hang'` never answers (until the deadline aborts it), `'refuse'` fails
 * like a closed port, an Answer answers at once. Records every request and its signal.
 */
function scripted(script: Array<'hang' | 'refuse' | Answer>) {
  const seen: Array<{ push: PushRequest; signal: AbortSignal }> = [];
  const transport: Transport = (push, signal) => {
    seen.push({ push, signal });
    const step = script[seen.length - 1] ?? 'hang';
    if (step === 'refuse') {
      return Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    }
    if (step === 'hang') {
      return new Promise<Answer>((_, reject) => {
        signal.addEventListener('abort', () => reject(new Error('aborted')));
      });
    }
    return Promise.resolve(step);
  };
  return { transport, seen };
}

describe('deliver', () => {
  it('stops at the first answer', async () => {
    const { transport, seen } = scripted([{ status: 200, body: 'success' }]);
    const result = await deliver(PUSH, { deadlineMs: DEADLINE, retries: 3, transport });
    expect(result).toEqual({ answered: true, answer: { status: 200, body: 'success' }, attempts: 1 });
    expect(seen).toHaveLength(1);
  });

  it('retries three times after timeouts with the very same request, then gives up', async () => {
    const { transport, seen } = scripted([]);
    const result = await deliver(PUSH, { deadlineMs: DEADLINE, retries: 3, transport });
    expect(result).toMatchObject({ answered: false, failure: 'timeout', attempts: 4 });
    expect(seen).toHaveLength(4);
    for (const attempt of seen) {
      expect(attempt.push).toBe(PUSH);
      expect(attempt.signal.aborted).toBe(true);
    }
  });

  it('takes an answer that comes on a retry', async () => {
    const { transport, seen } = scripted(['hang', 'hang', { status: 200, body: '' }]);
    const result = await deliver(PUSH, { deadlineMs: DEADLINE, retries: 3, transport });
    expect(result).toEqual({ answered: true, answer: { status: 200, body: '' }, attempts: 3 });
    expect(seen.map((s) => s.signal.aborted)).toEqual([true, true, false]);
  });

  it('retries a refused connection and reports it as unreachable', async () => {
    const { transport, seen } = scripted(['refuse', 'refuse', 'refuse', 'refuse']);
    const result = await deliver(PUSH, { deadlineMs: 5_000, retries: 3, transport });
    expect(result).toMatchObject({ answered: false, failure: 'unreachable', attempts: 4 });
    if (!result.answered) expect(result.detail).toContain('ECONNREFUSED');
    expect(seen).toHaveLength(4);
  });

  it('does not retry an HTTP error: any answer is final', async () => {
    const { transport, seen } = scripted([{ status: 500, body: 'oops' }]);
    const result = await deliver(PUSH, { deadlineMs: DEADLINE, retries: 3, transport });
    expect(result).toMatchObject({ answered: true, attempts: 1 });
    expect(seen).toHaveLength(1);
  });

  it('makes exactly one attempt with retries: 0', async () => {
    const { transport, seen } = scripted([]);
    const result = await deliver(PUSH, { deadlineMs: DEADLINE, retries: 0, transport });
    expect(result).toMatchObject({ answered: false, failure: 'timeout', attempts: 1 });
    expect(seen).toHaveLength(1);
  });
});
