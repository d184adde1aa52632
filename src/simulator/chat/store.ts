import type { Logger } from '../../logger.js';
import type { DeliveredMessage } from '../api/types.js';
import { botEntry, type ChatEntry, type NewEntry } from './entries.js';
import { MessageWaiters } from './waiters.js';

/** A typing indicator lasts 15 s unless cancelled (SPEC §5). */
const TYPING_MS = 15_000;
/** Lines kept per conversation (oldest dropped), so `wechat-cs simulate` can run for days. */
const MAX_ENTRIES = 1_000;

/** The state of one chat besides its lines. */
export interface ConversationState {
  appId: string;
  openid: string;
  transferred: boolean;
  /** Clock ms until which the bot shows "对方正在输入…", or undefined. */
  typingUntil: number | undefined;
}

/** One conversation with its lines, as the page loads it. */
export interface ConversationSnapshot extends ConversationState {
  entries: ChatEntry[];
}

/** What the page's event stream carries. */
export type ChatEvent =
  | { type: 'entry'; appId: string; openid: string; entry: ChatEntry }
  | { type: 'state'; state: ConversationState; now: number }
  /** An app's push settings changed (setWebhook): the page reloads `/sim/state`. */
  | { type: 'config' };

interface Conversation {
  state: ConversationState;
  entries: ChatEntry[];
  waiters: MessageWaiters;
}

/** Every conversation of the simulator, as the users see them, with change events for the page. */
export class ChatStore {
  readonly #conversations = new Map<string, Conversation>();
  readonly #listeners = new Set<(event: ChatEvent) => void>();
  readonly #clock: () => number;
  readonly #logger: Logger;
  #nextId = 1;

  constructor(clock: () => number, logger: Logger) {
    this.#clock = clock;
    this.#logger = logger;
  }

  /** Appends a line; a bot line also goes to `nextMessage` and ends the typing indicator. */
  add(appId: string, openid: string, entry: NewEntry): ChatEntry {
    const conversation = this.#open(appId, openid);
    const line = { id: this.#nextId++, at: this.#clock(), ...entry } as ChatEntry;
    conversation.entries.push(line);
    if (conversation.entries.length > MAX_ENTRIES) conversation.entries.shift();
    this.#emit({ type: 'entry', appId, openid, entry: line });
    if (line.from === 'bot') {
      conversation.waiters.offer(line.message);
      this.typing(appId, openid, 'CancelTyping');
    }
    return line;
  }

  /** A message the bot sent (API or passive reply). */
  addBotMessage(message: DeliveredMessage, passive: boolean): ChatEntry {
    return this.add(message.appId, message.touser, botEntry(message, passive));
  }

  /** Shows or hides the bot's typing indicator. */
  typing(appId: string, openid: string, command: 'Typing' | 'CancelTyping'): void {
    const { state } = this.#open(appId, openid);
    const typingUntil = command === 'Typing' ? this.#clock() + TYPING_MS : undefined;
    if (typingUntil === undefined && state.typingUntil === undefined) return;
    state.typingUntil = typingUntil;
    this.#emit({ type: 'state', state: { ...state }, now: this.#clock() });
  }

  /** Marks the user as handed to an agent (SPEC §3.1 transfer_customer_service). */
  transfer(appId: string, openid: string): void {
    const { state } = this.#open(appId, openid);
    const first = !state.transferred;
    state.transferred = true;
    if (first) this.#emit({ type: 'state', state: { ...state }, now: this.#clock() });
  }

  isTransferred(appId: string, openid: string): boolean {
    return this.#conversations.get(key(appId, openid))?.state.transferred ?? false;
  }

  entries(appId: string, openid: string): ChatEntry[] {
    return [...(this.#conversations.get(key(appId, openid))?.entries ?? [])];
  }

  /** Every conversation, oldest first, for the page's first load. */
  snapshot(): ConversationSnapshot[] {
    return [...this.#conversations.values()].map(({ state, entries }) => ({
      ...state,
      entries: [...entries],
    }));
  }

  /** Tells listeners that an app's settings changed. */
  configChanged(): void {
    this.#emit({ type: 'config' });
  }

  /** Makes the conversation exist (so the page lists it) without adding a line. */
  ensure(appId: string, openid: string): void {
    this.#open(appId, openid);
  }

  nextMessage(appId: string, openid: string, timeoutMs: number): Promise<DeliveredMessage> {
    return this.#open(appId, openid).waiters.next(timeoutMs, openid);
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe(listener: (event: ChatEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Rejects pending `nextMessage` calls and drops listeners. */
  close(): void {
    for (const conversation of this.#conversations.values()) conversation.waiters.close();
    this.#listeners.clear();
  }

  #open(appId: string, openid: string): Conversation {
    const id = key(appId, openid);
    let conversation = this.#conversations.get(id);
    if (conversation === undefined) {
      const state = { appId, openid, transferred: false, typingUntil: undefined };
      conversation = { state, entries: [], waiters: new MessageWaiters(MAX_ENTRIES) };
      this.#conversations.set(id, conversation);
      this.#emit({ type: 'state', state: { ...state }, now: this.#clock() });
    }
    return conversation;
  }

  #emit(event: ChatEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.#logger.warn({ error }, 'simulator: a chat listener threw');
      }
    }
  }
}

function key(appId: string, openid: string): string {
  return `${appId}\n${openid}`;
}
