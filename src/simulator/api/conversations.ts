import { ApiFailure } from './errcodes.js';

/** SPEC §4.3 (mini program, current doc): what each user action allows. */
const USER_MESSAGE = { count: 5, windowMs: 48 * 3_600_000 } as const;
const USER_ENTERED = { count: 2, windowMs: 60_000 } as const;

interface Conversation {
  remaining: number;
  windowEnd: number;
  /** Last message from the user (typing needs one in the last 30 s, SPEC §5). */
  lastUserMessage: number;
}

/**
 * Which users each app may message, and how many more messages until when (SPEC §4.3).
 *
 * Quotas do not accumulate: each action sets the remaining count to that action's maximum, and the
 * window end to the later of the current one and the action's own window ("the longest applicable
 * one"). An openid is known to an app once the user has sent a message or entered the chat.
 */
export class Conversations {
  readonly #byUser = new Map<string, Conversation>();

  /** The user sent a message: 5 messages within 48 h, and a message exchange now. */
  userSent(appId: string, openid: string, now: number): void {
    const conversation = this.#act(appId, openid, now, USER_MESSAGE);
    conversation.lastUserMessage = now;
  }

  /** The user entered the customer-service chat: 2 messages within 1 minute. */
  userEntered(appId: string, openid: string, now: number): void {
    this.#act(appId, openid, now, USER_ENTERED);
  }

  /** Whether the user ever talked to this app (else its openid is "invalid" for it, 40003). */
  knows(appId: string, openid: string): boolean {
    return this.#byUser.has(key(appId, openid));
  }

  /** Throws 45015 outside the window, 45047 when its messages are used up. */
  checkOpen(appId: string, openid: string, now: number): void {
    const conversation = this.#byUser.get(key(appId, openid));
    if (conversation === undefined || now >= conversation.windowEnd) throw new ApiFailure(45015);
    if (conversation.remaining <= 0) throw new ApiFailure(45047);
  }

  /** Counts one sent message (after {@link checkOpen} passed). */
  consume(appId: string, openid: string): void {
    const conversation = this.#byUser.get(key(appId, openid));
    if (conversation !== undefined) conversation.remaining -= 1;
  }

  /** Clock ms of the user's last message, or -Infinity. */
  lastUserMessage(appId: string, openid: string): number {
    return this.#byUser.get(key(appId, openid))?.lastUserMessage ?? Number.NEGATIVE_INFINITY;
  }

  #act(appId: string, openid: string, now: number, rule: { count: number; windowMs: number }): Conversation {
    const k = key(appId, openid);
    const conversation = this.#byUser.get(k) ?? {
      remaining: 0,
      windowEnd: Number.NEGATIVE_INFINITY,
      lastUserMessage: Number.NEGATIVE_INFINITY,
    };
    conversation.remaining = rule.count;
    conversation.windowEnd = Math.max(conversation.windowEnd, now + rule.windowMs);
    this.#byUser.set(k, conversation);
    return conversation;
  }
}

/** Map key of one user of one app. */
export function key(appId: string, openid: string): string {
  return `${appId}\u0000${openid}`;
}
