import type { PushRequest } from './push.js';

/** The webhook's answer to one attempt. */
export interface Answer {
  status: number;
  body: string;
}

/** Posts one push; must reject once `signal` aborts (the deadline) and drop the connection. */
export type Transport = (push: PushRequest, signal: AbortSignal) => Promise<Answer>;

/** How a push went over all its attempts. */
export type Delivery =
  | { answered: true; answer: Answer; attempts: number }
  | { answered: false; failure: 'timeout' | 'unreachable'; detail: string; attempts: number };

/** Deadline and retries of {@link deliver}. */
export interface DeliverPolicy {
  /** Per attempt, ms (WeChat: 5 s, SPEC §3.2). */
  deadlineMs: number;
  /** Re-sends after a timeout or a connection failure (WeChat: 3). */
  retries: number;
  transport: Transport;
}

/**
 * Delivers a push as WeChat does (SPEC §3.2): each attempt gets `deadlineMs`; without an answer
 * the connection is dropped and the same request is sent again, up to `retries` more times. Any
 * HTTP answer ends the delivery, whatever its status: judging it is {@link checkReply}'s job.
 * Retries follow each other at once: WeChat's intervals are not documented.
 */
export async function deliver(push: PushRequest, policy: DeliverPolicy): Promise<Delivery> {
  let failure: 'timeout' | 'unreachable' = 'timeout';
  let detail = '';
  for (let attempt = 1; attempt <= policy.retries + 1; attempt++) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), policy.deadlineMs);
    try {
      const answer = await policy.transport(push, controller.signal);
      return { answered: true, answer, attempts: attempt };
    } catch (error) {
      failure = controller.signal.aborted ? 'timeout' : 'unreachable';
      detail =
        failure === 'timeout'
          ? `no answer within ${policy.deadlineMs} ms`
          : `cannot reach the webhook (${describe(error)})`;
    } finally {
      clearTimeout(timer);
    }
  }
  return { answered: false, failure, detail, attempts: policy.retries + 1 };
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const cause = (error as { cause?: { code?: unknown } }).cause?.code;
    return String(code ?? cause ?? error.message);
  }
  return String(error);
}
