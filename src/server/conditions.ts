import type { InboundFor, InboundMessage, MessageKey } from '../messages/inbound.js';

/** A handler condition: a {@link MessageKey} or several (any of them matches). */
export type Condition = MessageKey | readonly MessageKey[];

/** The key strings of a condition, for typing: `KeysOf<['text', 'image']>` is `'text' | 'image'`. */
export type KeysOf<C extends Condition> = C extends readonly (infer Key extends string)[] ? Key : C & string;

type Predicate = (message: InboundMessage) => boolean;

/** Compiles a condition once, at registration, into a test run on every push. */
export function compileCondition(condition: Condition): Predicate {
  const keys: readonly string[] = typeof condition === 'string' ? [condition] : condition;
  if (
    !Array.isArray(keys) ||
    keys.length === 0 ||
    keys.some((key) => typeof key !== 'string' || key === '')
  ) {
    throw new TypeError("a condition is '*', a MsgType, 'event.<Event>', or a non-empty array of these");
  }
  const tests = keys.map(keyTest);
  return tests.length === 1 && tests[0] ? tests[0] : (message) => tests.some((test) => test(message));
}

function keyTest(key: string): Predicate {
  if (key === '*') return () => true;
  if (key.startsWith('event.')) {
    // Event names are matched exactly as WeChat sends them (`subscribe`, `SCAN`; SPEC §1.7).
    const event = key.slice('event.'.length);
    return (message) => message.MsgType === 'event' && (message as { Event?: unknown }).Event === event;
  }
  return (message) => message.MsgType === key;
}

/**
 * `true` if `message` matches `key`, narrowing its type: the way to test for kinds that have no
 * type of their own.
 *
 * @example
 * if (isMessage(message, 'event.wxa_media_check')) console.log(message.trace_id);
 */
export function isMessage<Key extends MessageKey>(
  message: InboundMessage,
  key: Key,
): message is InboundFor<Key> & InboundMessage {
  return keyTest(key)(message);
}
