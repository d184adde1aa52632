import type { TestFields } from '../../testing/index.js';
import type { WeChatWorld } from '../api/types.js';
import { MINIPROGRAM_NOTICE, type NewEntry, OFFICIAL_ACCOUNT_NOTICE } from '../chat/entries.js';
import type { ChatStore } from '../chat/store.js';
import type { DeliveryOutcome } from '../types.js';
import type { SimAccount } from './account.js';
import { type Answer, type DeliverPolicy, type Delivery, deliver } from './deliver.js';
import { passiveAsMessage } from './passive.js';
import type { ReplyVerdict } from './reply-check.js';

/** What the user half shares: the API's world, the chats, the clock and the delivery policy. */
export interface UserHalf {
  readonly world: WeChatWorld;
  readonly chat: ChatStore;
  readonly clock: () => number;
  readonly policy: DeliverPolicy;
  /** The simulator's base URL (for `PicUrl`/`ThumbUrl`), set once it listens. */
  baseUrl: string;
}

/** One thing the user does: the line it adds to the chat and the push it causes. */
export interface Action {
  entry: NewEntry;
  /** The push's own fields (`MsgType` …); the addressing fields are added here. */
  fields: TestFields;
  /** Entering the chat opens a 1-minute window, a message a 48-hour one (SPEC §4.3). */
  opens: 'message' | 'enter';
}

/**
 * Performs an action as WeChat would: shows it in the chat, opens the sending window in the API
 * half (so the bot may answer while handling the push), pushes it to the webhook with deadline
 * and retries, then shows what the user sees of the answer: nothing, the hand-over to an agent,
 * an official account's passive reply, or the "暂时无法提供服务" notice.
 */
export async function act(
  half: UserHalf,
  account: SimAccount,
  openid: string,
  action: Action,
): Promise<DeliveryOutcome> {
  half.chat.add(account.appId, openid, action.entry);
  if (action.opens === 'enter') half.world.userEntered(account.appId, openid);
  else half.world.userSent(account.appId, openid);
  const webhook = account.webhook;
  if (webhook === undefined) return { status: undefined, reply: 'no-webhook', attempts: 0 };
  const seconds = Math.floor(half.clock() / 1000);
  const fields: TestFields = {
    ToUserName: account.originalId,
    FromUserName: openid,
    CreateTime: seconds,
    ...action.fields,
  };
  const delivery = await deliver(account.push(webhook, openid, fields, seconds), half.policy);
  const pushIsEvent = action.fields.MsgType === 'event';
  return settle(half, account, openid, delivery, (answer) =>
    account.check(answer, webhook, openid, pushIsEvent),
  );
}

/** Shows the user what WeChat makes of the delivery, and describes it. */
function settle(
  half: UserHalf,
  account: SimAccount,
  openid: string,
  delivery: Delivery,
  check: (answer: Answer) => ReplyVerdict,
): DeliveryOutcome {
  if (!delivery.answered) {
    notice(half, account, openid, delivery.detail);
    return {
      status: undefined,
      reply: delivery.failure,
      attempts: delivery.attempts,
      ...noticeOf(account, delivery.detail),
    };
  }
  const outcome = { status: delivery.answer.status, attempts: delivery.attempts };
  const verdict = check(delivery.answer);
  switch (verdict.kind) {
    case 'invalid':
      notice(half, account, openid, verdict.problem);
      return { ...outcome, reply: 'invalid', ...noticeOf(account, verdict.problem) };
    case 'transfer':
      half.chat.transfer(account.appId, openid);
      half.chat.add(account.appId, openid, { from: 'system', kind: 'transfer' });
      return { ...outcome, reply: 'transfer' };
    case 'passive':
      half.chat.addBotMessage(passiveAsMessage(verdict.fields, account.appId, openid, half.clock()), true);
      return { ...outcome, reply: 'passive' };
    default:
      return { ...outcome, reply: verdict.kind };
  }
}

function noticeOf(account: SimAccount, problem: string): { notice: string; problem: string } {
  return { notice: account.kind === 'miniprogram' ? MINIPROGRAM_NOTICE : OFFICIAL_ACCOUNT_NOTICE, problem };
}

function notice(half: UserHalf, account: SimAccount, openid: string, problem: string): void {
  const { notice: text } = noticeOf(account, problem);
  half.chat.add(account.appId, openid, { from: 'system', kind: 'notice', text, problem });
}
