import { BoundedLog } from './bounded-log.js';
import type { DeliveredMessage, TypingEvent } from './types.js';

/**
 * What the API accepted, for tests and the simulator's user half: delivered messages (kept, and
 * pushed to listeners) and typing changes (pushed to listeners).
 */
export class Feed {
  readonly #messages: BoundedLog<DeliveredMessage>;
  readonly #messageListeners = new Set<(message: DeliveredMessage) => void>();
  readonly #typingListeners = new Set<(event: TypingEvent) => void>();

  constructor(maxRecords: number) {
    this.#messages = new BoundedLog(maxRecords);
  }

  deliver(message: DeliveredMessage): void {
    this.#messages.push(message);
    notify(this.#messageListeners, message);
  }

  typing(event: TypingEvent): void {
    notify(this.#typingListeners, event);
  }

  messages(appId: string, openid?: string): DeliveredMessage[] {
    return this.#messages
      .all()
      .filter((message) => message.appId === appId && (openid === undefined || message.touser === openid));
  }

  onMessage(listener: (message: DeliveredMessage) => void): () => void {
    return subscribe(this.#messageListeners, listener);
  }

  onTyping(listener: (event: TypingEvent) => void): () => void {
    return subscribe(this.#typingListeners, listener);
  }
}

function subscribe<T>(listeners: Set<(value: T) => void>, listener: (value: T) => void): () => void {
  if (typeof listener !== 'function') throw new TypeError('listener must be a function');
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** A throwing listener must not break the API's answer; it is reported as a process warning. */
function notify<T>(listeners: ReadonlySet<(value: T) => void>, value: T): void {
  for (const listener of [...listeners]) {
    try {
      listener(value);
    } catch (error) {
      process.emitWarning(`fake WeChat API listener threw: ${String(error)}`, 'FakeApiListenerWarning');
    }
  }
}
