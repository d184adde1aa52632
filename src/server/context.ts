import type { Logger } from '../logger.js';
import type { InboundMessage } from '../messages/inbound.js';
import type { MessageFor } from '../messages/kinds.js';
import type { OutgoingMessage } from '../messages/message.js';
import type { TransferCustomerService } from '../messages/transfer-customer-service.js';
import type { AccountKind } from '../options.js';
import type { PushFormat } from './parse.js';

/** The typing states of SPEC §5. */
export type TypingCommand = 'Typing' | 'CancelTyping';

/**
 * What a handler may return: a message the account can send (a string is a `Text`), a
 * `TransferCustomerService`, `false` (stop, answer `success`) or nothing. With a literal account
 * kind, a message of the other kind does not compile (a mini program returning `Voice`).
 */
export type HandlerResult<K extends AccountKind = AccountKind> =
  | MessageFor<K>
  | TransferCustomerService
  | boolean
  | undefined
  // biome-ignore lint/suspicious/noConfusingVoidType: `void` lets `(m) => log(m)` be a handler.
  | void;

/** The second argument of every handler and middleware. */
export interface PushContext<K extends AccountKind = AccountKind> {
  readonly appId: string;
  readonly kind: K;
  /** The push's format; a passive reply uses the same. */
  readonly format: PushFormat;
  /** True if the push was encrypted (compatible or safe mode); a passive reply is then encrypted. */
  readonly encrypted: boolean;
  readonly logger: Logger;
  /**
   * Sends `message` to the push's sender through the customer-service API, at any time (within
   * WeChat's sending window, SPEC §4.3). A string is a `Text`.
   *
   * @example await ctx.reply('稍等，正在查询…');
   */
  reply(message: MessageFor<K>): Promise<void>;
  /** Shows (or cancels) "typing…" to the sender (SPEC §5). @default 'Typing' */
  typing(command?: TypingCommand): Promise<void>;
}

/** The services a push context calls; `Server` hands in lazy getters of the app's own. */
export interface ContextServices {
  send(openid: string, message: OutgoingMessage | string): Promise<void>;
  typing(openid: string, command: TypingCommand): Promise<void>;
}

/**
 * A {@link PushContext} that records the deliveries it starts, so `waitForHandlers` can wait for
 * them (DESIGN §7).
 */
export class Context<K extends AccountKind> implements PushContext<K> {
  readonly appId: string;
  readonly kind: K;
  readonly format: PushFormat;
  readonly encrypted: boolean;
  readonly logger: Logger;
  readonly #message: InboundMessage;
  readonly #services: ContextServices;
  /** Made on the first delivery: most pushes start none. */
  #pending: Promise<unknown>[] | undefined;

  /** @param app the same for every push of a server; @param push this push's format and message */
  constructor(
    app: { appId: string; kind: K; logger: Logger },
    push: { format: PushFormat; encrypted: boolean; message: InboundMessage },
    services: ContextServices,
  ) {
    this.appId = app.appId;
    this.kind = app.kind;
    this.logger = app.logger;
    this.format = push.format;
    this.encrypted = push.encrypted;
    this.#message = push.message;
    this.#services = services;
  }

  reply(message: MessageFor<K>): Promise<void> {
    return this.#track(() => this.#services.send(this.#sender(), message));
  }

  typing(command: TypingCommand = 'Typing'): Promise<void> {
    return this.#track(() => this.#services.typing(this.#sender(), command));
  }

  /** Settles when every delivery started through this context has settled; undefined if none was. */
  settled(): Promise<unknown> | undefined {
    return this.#pending === undefined ? undefined : Promise.allSettled(this.#pending);
  }

  #track(start: () => Promise<void>): Promise<void> {
    let promise: Promise<void>;
    try {
      promise = start();
    } catch (error) {
      promise = Promise.reject(error);
    }
    // A handler may fire and forget (`ctx.typing()` without await): the failure must not become an
    // unhandled rejection that ends the process (DESIGN §1.2). Whoever awaits still gets it.
    promise.catch((error: unknown) => {
      const { errcode, message } = error as { errcode?: unknown; message?: unknown };
      this.logger.warn(
        { errcode, error: String(message ?? error) },
        'a ctx.reply() or ctx.typing() delivery failed',
      );
    });
    this.#pending ??= [];
    this.#pending.push(promise);
    return promise;
  }

  #sender(): string {
    const from = this.#message.FromUserName;
    if (typeof from !== 'string' || from === '')
      throw new TypeError('this push has no FromUserName to reply to');
    return from;
  }
}
