import type { AccountKind } from '../../options.js';
import { decryptMessage } from '../../server/crypto.js';
import type { Fields } from '../../server/json.js';
import { parseDocument } from '../../server/parse.js';
import { computeSignature } from '../../server/signature.js';
import type { PushFormat, PushMode } from '../types.js';
import type { Answer } from './deliver.js';

/** How WeChat takes an answer (SPEC §3.1, §3.4). */
export type ReplyVerdict =
  | { kind: 'success' | 'empty' | 'transfer' }
  | { kind: 'passive'; fields: Fields }
  | { kind: 'invalid'; problem: string };

/** What the answer is checked against. Token and aesKey are used, never kept. */
export interface ReplyContext {
  format: PushFormat;
  mode: PushMode;
  accountKind: AccountKind;
  appId: string;
  token: string;
  aesKey: string | undefined;
  /** The user: a reply's `ToUserName`. */
  openid: string;
  /** The account's `gh_…` id: a reply's `FromUserName`. */
  originalId: string;
  /** Events must not be transferred (SPEC §1.6). */
  pushIsEvent: boolean;
}

/** Official-account passive replies (SPEC §3.4); mini programs have none but the transfer. */
const PASSIVE_KINDS = new Set(['text', 'image', 'voice', 'video', 'music', 'news']);

/** A reply the mini program's WeChat refuses, with the reason for the developer. */
class Refused extends Error {}

/**
 * Judges a webhook answer as WeChat does: HTTP 200 with `success` or an empty body is an
 * acknowledgement; otherwise it must be one allowed message in the push's format, encrypted in
 * safe mode (with a valid MsgSignature and receiveId), addressed back to the user. Anything else
 * makes WeChat show its "暂时无法提供服务" notice (SPEC §3.2).
 */
export function checkReply(answer: Answer, context: ReplyContext): ReplyVerdict {
  if (answer.status !== 200) return invalid(`the webhook answered HTTP ${answer.status}`);
  // Surrounding whitespace is tolerated: WeChat's exact rule is not documented.
  const body = answer.body.trim();
  if (body === '') return { kind: 'empty' };
  if (body === 'success') return { kind: 'success' };
  try {
    return judgeMessage(openReply(body, context), context);
  } catch (error) {
    if (error instanceof Refused) return invalid(error.message);
    throw error;
  }
}

function invalid(problem: string): ReplyVerdict {
  return { kind: 'invalid', problem };
}

/** The reply's message fields, decrypted and verified when it is an encrypted envelope. */
function openReply(body: string, context: ReplyContext): Fields {
  const fields = parse(body, context.format, 'the reply');
  if (fields.Encrypt === undefined) {
    if (context.mode === 'safe') {
      throw new Refused('in safe mode a reply other than success must be encrypted (SPEC §3.1)');
    }
    return fields;
  }
  if (context.mode === 'plain' || context.aesKey === undefined) {
    throw new Refused('the reply is encrypted, but the push was plaintext');
  }
  const [encrypt, signature, timestamp, nonce] = ['Encrypt', 'MsgSignature', 'TimeStamp', 'Nonce'].map(
    (name) => text(fields[name]),
  );
  if (encrypt === undefined || signature === undefined || timestamp === undefined || nonce === undefined) {
    throw new Refused('an encrypted reply needs Encrypt, MsgSignature, TimeStamp and Nonce (SPEC §2.5)');
  }
  if (computeSignature([context.token, timestamp, nonce, encrypt]) !== signature.toLowerCase()) {
    throw new Refused('the reply MsgSignature does not match its Encrypt, TimeStamp and Nonce (SPEC §2.3)');
  }
  let plain: string;
  try {
    plain = decryptMessage({ aesKey: context.aesKey, receiveId: context.appId, encrypt });
  } catch (error) {
    throw new Refused(`the reply cannot be decrypted: ${(error as Error).message}`);
  }
  return parse(plain, context.format, 'the decrypted reply');
}

function parse(body: string, format: PushFormat, what: string): Fields {
  let document: ReturnType<typeof parseDocument>;
  try {
    document = parseDocument(body);
  } catch (error) {
    throw new Refused(`${what} is not success, empty, or a message document: ${(error as Error).message}`);
  }
  if (document.format !== format) {
    throw new Refused(`${what} is ${document.format.toUpperCase()}, but pushes are ${format.toUpperCase()}`);
  }
  return document.fields;
}

function judgeMessage(fields: Fields, context: ReplyContext): ReplyVerdict {
  const msgType = text(fields.MsgType);
  const allowed =
    msgType === 'transfer_customer_service' ||
    (context.accountKind === 'official-account' && msgType !== undefined && PASSIVE_KINDS.has(msgType));
  if (!allowed) {
    const kind = JSON.stringify(msgType ?? null);
    return context.accountKind === 'miniprogram'
      ? invalid(
          `MsgType ${kind} is not a passive reply a mini program may give: answer success and send through the customer-service API (SPEC §3.1)`,
        )
      : invalid(`MsgType ${kind} is not a passive reply of an official account (SPEC §3.4)`);
  }
  checkAddress(fields, context);
  if (msgType !== 'transfer_customer_service') return { kind: 'passive', fields };
  if (context.pushIsEvent) {
    return invalid(
      'an event (user_enter_tempsession) must not be answered with transfer_customer_service (SPEC §1.6)',
    );
  }
  return { kind: 'transfer' };
}

function checkAddress(fields: Fields, context: ReplyContext): void {
  if (text(fields.ToUserName) !== context.openid) {
    throw new Refused(`the reply's ToUserName must be the user's openid ${context.openid}`);
  }
  if (text(fields.FromUserName) !== context.originalId) {
    throw new Refused(`the reply's FromUserName must be the account's original id ${context.originalId}`);
  }
  if (!/^\d{1,12}$/.test(text(fields.CreateTime) ?? '')) {
    throw new Refused('the reply needs CreateTime, an integer number of seconds');
  }
}

/** A wire value as text: XML values are strings, JSON numbers (TimeStamp, CreateTime) are not. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}
