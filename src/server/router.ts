import { HandlerError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { InboundMessage } from '../messages/inbound.js';
import type { AccountKind } from '../options.js';
import { type Condition, compileCondition } from './conditions.js';
import type { HandlerResult, PushContext } from './context.js';

/** A push handler (EasyWeChat shape): return a reply, `false` to stop, or nothing to continue. */
export type Handler<M = InboundMessage, K extends AccountKind = AccountKind> = (
  message: M,
  ctx: PushContext<K>,
) => HandlerResult<K> | Promise<HandlerResult<K>>;

/** Runs before the handlers; call `next()` to go on, or return a result yourself. */
export type Middleware<K extends AccountKind = AccountKind> = (
  message: InboundMessage,
  next: () => Promise<HandlerResult<K>>,
  ctx: PushContext<K>,
) => HandlerResult<K> | Promise<HandlerResult<K>>;

/**
 * Gets what a handler threw ({@link HandlerError}, with `cause`) or a failed delivery of its
 * reply (an `ApiError`…), with the push that caused it.
 */
export type ErrorHandler = (error: Error, message: InboundMessage) => unknown;

/** A result other than `undefined`/`true` ends the chain. */
function decisive(result: HandlerResult): boolean {
  return result !== undefined && result !== true;
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

interface Route<K extends AccountKind> {
  matches: (message: InboundMessage) => boolean;
  handler: Handler<InboundMessage, K>;
}

/** The outcome of the chain: the first decisive result, or `undefined`. Never rejects. */
export type ChainOutcome = { result: HandlerResult; failed: boolean };

/**
 * Middleware, then matching handlers in registration order (DESIGN §7). The first result other
 * than `undefined`/`true` ends the chain; a throw ends it too, goes to the error handlers, and
 * the push is still answered `success`.
 */
export class Router<K extends AccountKind> {
  readonly #routes: Route<K>[] = [];
  readonly #middleware: Middleware<K>[] = [];
  readonly #errorHandlers: ErrorHandler[] = [];
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  add(handler: Handler<InboundMessage, K>, condition: Condition): void {
    if (typeof handler !== 'function') throw new TypeError('a handler must be a function');
    this.#routes.push({ matches: compileCondition(condition), handler });
  }

  use(middleware: Middleware<K>): void {
    if (typeof middleware !== 'function') throw new TypeError('middleware must be a function');
    this.#middleware.push(middleware);
  }

  onError(handler: ErrorHandler): void {
    if (typeof handler !== 'function') throw new TypeError('an error handler must be a function');
    this.#errorHandlers.push(handler);
  }

  /**
   * Runs the chain for `message`. Synchronous while every step is (DESIGN §1.7: a handler that
   * returns its reply directly costs no promise); a promise once one step returns one.
   */
  run(message: InboundMessage, ctx: PushContext<K>): ChainOutcome | Promise<ChainOutcome> {
    let result: HandlerResult | PromiseLike<HandlerResult>;
    try {
      result =
        this.#middleware.length === 0 ? this.#handleFrom(0, message, ctx) : this.#dispatch(0, message, ctx);
    } catch (error) {
      return this.#failed(error, message);
    }
    if (!isThenable(result)) return { result, failed: false };
    return Promise.resolve(result).then(
      (value): ChainOutcome => ({ result: value, failed: false }),
      (error: unknown) => this.#failed(error, message),
    );
  }

  async #failed(error: unknown, message: InboundMessage): Promise<ChainOutcome> {
    await this.report(new HandlerError(message, error), message);
    return { result: undefined, failed: true };
  }

  #dispatch(index: number, message: InboundMessage, ctx: PushContext<K>): Promise<HandlerResult<K>> {
    const middleware = this.#middleware[index];
    if (middleware === undefined) {
      try {
        return Promise.resolve(this.#handleFrom(0, message, ctx));
      } catch (error) {
        return Promise.reject(error);
      }
    }
    let called = false;
    const next = () => {
      if (called) return Promise.reject(new Error('next() called more than once'));
      called = true;
      return this.#dispatch(index + 1, message, ctx);
    };
    return Promise.resolve(middleware(message, next, ctx));
  }

  /** The matching handlers from `routes[from]` on; the first decisive result ends the chain. */
  #handleFrom(
    from: number,
    message: InboundMessage,
    ctx: PushContext<K>,
  ): HandlerResult<K> | Promise<HandlerResult<K>> {
    const routes = this.#routes;
    for (let i = from; i < routes.length; i++) {
      const route = routes[i] as Route<K>;
      if (!route.matches(message)) continue;
      const result = route.handler(message, ctx);
      if (isThenable(result)) {
        return Promise.resolve(result).then((value) =>
          decisive(value) ? value : this.#handleFrom(i + 1, message, ctx),
        );
      }
      if (decisive(result)) return result;
    }
    return undefined;
  }

  /** Hands `error` to the error handlers (or the logger if there are none); never rejects. */
  async report(error: Error, message: InboundMessage): Promise<void> {
    if (this.#errorHandlers.length === 0) {
      this.#logger.error({ err: error, MsgType: message.MsgType }, error.message);
      return;
    }
    for (const handler of this.#errorHandlers) {
      try {
        await handler(error, message);
      } catch (failure) {
        this.#logger.error({ err: failure }, 'an onError handler threw');
      }
    }
  }
}
