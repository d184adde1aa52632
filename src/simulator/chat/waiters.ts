import { TimeoutError, WeChatError } from '../../errors.js';
import type { DeliveredMessage } from '../api/types.js';

interface Waiter {
  resolve(message: DeliveredMessage): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * `nextMessage()` of one conversation: bot messages are handed out once each, oldest first, in
 * the order the calls were made. A message that arrives before anyone asks waits in the backlog,
 * so a test that asks after `say()` resolved still gets the reply the bot sent meanwhile.
 */
export class MessageWaiters {
  readonly #backlog: DeliveredMessage[] = [];
  readonly #waiters: Waiter[] = [];
  readonly #limit: number;

  /** @param limit most unclaimed messages kept (oldest dropped), so a long session stays bounded */
  constructor(limit: number) {
    this.#limit = limit;
  }

  /** A bot message arrived: the oldest waiter gets it, else it waits in the backlog. */
  offer(message: DeliveredMessage): void {
    const waiter = this.#waiters.shift();
    if (waiter !== undefined) {
      clearTimeout(waiter.timer);
      waiter.resolve(message);
      return;
    }
    this.#backlog.push(message);
    if (this.#backlog.length > this.#limit) this.#backlog.shift();
  }

  /** The next unclaimed message, waiting up to `timeoutMs` (real time) for one. */
  next(timeoutMs: number, who: string): Promise<DeliveredMessage> {
    const ready = this.#backlog.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const at = this.#waiters.indexOf(waiter);
        if (at >= 0) this.#waiters.splice(at, 1);
        const error = new TimeoutError(`nextMessage(${who})`, timeoutMs);
        error.message = `nextMessage: the bot sent ${who} nothing within ${timeoutMs} ms`;
        reject(error);
      }, timeoutMs);
      const waiter: Waiter = { resolve, reject, timer };
      this.#waiters.push(waiter);
    });
  }

  /** Rejects every pending call (the simulator stopped). */
  close(): void {
    for (const waiter of this.#waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(new WeChatError('nextMessage: the simulator stopped'));
    }
  }
}
