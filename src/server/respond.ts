import type { InboundMessage } from '../messages/inbound.js';
import type { OutgoingMessage } from '../messages/message.js';
import { Text } from '../messages/text.js';
import { TransferCustomerService } from '../messages/transfer-customer-service.js';
import type { AccountKind } from '../options.js';
import type { HandlerResult } from './context.js';
import { type PassiveMessage, passiveXml, type ReplyAddress, transferJson } from './reply-xml.js';

/**
 * What to do with a handler's result (DESIGN §1.4, §7): acknowledge, answer passively in the
 * push's format, or acknowledge and deliver through the customer-service API.
 */
export type Decision =
  | { readonly action: 'ack' }
  | { readonly action: 'refuse-transfer' }
  | { readonly action: 'passive'; readonly message: PassiveMessage }
  | { readonly action: 'send'; readonly message: OutgoingMessage };

/** Kinds an official account may answer passively (SPEC §3.4); a mini program only transfers (§3.1). */
const OFFICIAL_PASSIVE: ReadonlySet<string> = new Set(['text', 'image', 'voice', 'video', 'music', 'news']);

const ACK: Decision = { action: 'ack' };

/**
 * Decides for `result`. Throws for a result that is no reply (a number, a plain object) or a
 * string that is no valid Text; the caller reports it as the handler's error.
 */
export function decide(
  result: HandlerResult,
  push: { message: InboundMessage; kind: AccountKind; format: 'xml' | 'json' },
): Decision {
  if (result === undefined || typeof result === 'boolean' || result === '' || result === 'success')
    return ACK;
  const message = typeof result === 'string' ? new Text(result) : result;
  if (!isOutgoing(message)) {
    throw new TypeError(
      `a handler returned ${describe(result)}; return a message, a string, false or nothing`,
    );
  }
  if (message.type === 'transfer_customer_service') {
    // Only user messages can be handed to an agent, never events (SPEC §3.1).
    return push.message.MsgType === 'event' ? { action: 'refuse-transfer' } : passive(message);
  }
  if (push.kind === 'official-account' && push.format === 'xml' && OFFICIAL_PASSIVE.has(message.type)) {
    return passive(message);
  }
  return { action: 'send', message };
}

function passive(message: OutgoingMessage): Decision {
  return { action: 'passive', message: message as PassiveMessage };
}

function isOutgoing(value: unknown): value is OutgoingMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as OutgoingMessage).type === 'string' &&
    typeof (value as OutgoingMessage).toPayload === 'function'
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object that is not a message';
  return `a ${typeof value}`;
}

/**
 * The plaintext passive reply document. Mini programs get `transfer_customer_service` without
 * `TransInfo` (their docs know no agent choice, SPEC §3.4).
 */
export function renderPassive(
  message: PassiveMessage,
  push: { message: InboundMessage; kind: AccountKind; format: 'xml' | 'json' },
  nowSeconds: number,
): string {
  const to: ReplyAddress = {
    toUser: String(push.message.FromUserName ?? ''),
    fromUser: String(push.message.ToUserName ?? ''),
    createTime: nowSeconds,
  };
  const reply =
    message.type === 'transfer_customer_service' &&
    push.kind === 'miniprogram' &&
    message.kfAccount !== undefined
      ? new TransferCustomerService()
      : message;
  if (push.format === 'json' && reply.type === 'transfer_customer_service') return transferJson(reply, to);
  return passiveXml(reply, to);
}
