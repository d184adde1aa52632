import { key } from './conversations.js';

/** SPEC §5: a Typing state lasts 15 seconds. */
export const TYPING_MS = 15_000;

/** The typing indicator each user sees; expiry is read from the clock, no timers. */
export class TypingStore {
  readonly #until = new Map<string, number>();

  /** 'Typing' while a Typing command is less than 15 s old and not cancelled. */
  state(appId: string, openid: string, now: number): 'Typing' | 'None' {
    const until = this.#until.get(key(appId, openid));
    return until !== undefined && now < until ? 'Typing' : 'None';
  }

  start(appId: string, openid: string, now: number): void {
    this.#until.set(key(appId, openid), now + TYPING_MS);
  }

  /** Clears the indicator; true if it was showing. */
  cancel(appId: string, openid: string, now: number): boolean {
    const wasTyping = this.state(appId, openid, now) === 'Typing';
    this.#until.delete(key(appId, openid));
    return wasTyping;
  }
}
