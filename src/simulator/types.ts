import type { Logger } from '../logger.js';
import type { DeliveredMessage, FakeApiApp, FakeApiOptions, WeChatWorld } from './api/types.js';
import type { ChatEntry } from './chat/entries.js';

/** 数据格式 of 消息推送配置 (SPEC §1.1). Official accounts push XML only. */
export type PushFormat = 'xml' | 'json';

/** 消息加解密方式 (SPEC §1.4): plaintext, compatible (both) or safe (encrypted only). */
export type PushMode = 'plain' | 'compatible' | 'safe';

/** How the simulated WeChat pushes to a webhook. */
export interface WebhookOptions {
  /** @default 'xml' */
  format?: PushFormat;
  /** @default 'safe' when the app has an aesKey, else 'plain' */
  mode?: PushMode;
}

/** One account of the simulator: the API half's app plus its 消息推送配置. */
export interface SimulatorApp extends FakeApiApp, WebhookOptions {
  /** The Token of 消息推送配置, used to sign pushes (SPEC §1.2). */
  token: string;
  /** The 43-character EncodingAESKey; needed for `compatible` and `safe` modes. */
  aesKey?: string;
  /** Where user messages are pushed (your bot); without one, users' messages reach no one. */
  webhook?: string;
}

/** Options of {@link startSimulator}. */
export interface SimulatorOptions {
  apps: SimulatorApp[];
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (a free port) */
  port?: number;
  /** Epoch ms for push timestamps and all API rules (not for the delivery deadline). @default Date.now */
  clock?: () => number;
  /** How long WeChat waits for the webhook's answer, per attempt (SPEC §3.2). @default 5_000 */
  deadlineMs?: number;
  /** Re-sends after an attempt times out or cannot connect (SPEC §3.2: "重试三次"). @default 3 */
  retries?: number;
  /** Further options of the API half (token TTL, IP whitelist, limits). */
  api?: Omit<FakeApiOptions, 'apps' | 'clock' | 'host' | 'port'>;
  /** Where failures of detached work go. @default consoleLogger */
  logger?: Logger;
}

/** How WeChat took the webhook's answer to a push. */
export type ReplyKind =
  /** `success` */
  | 'success'
  /** an empty body */
  | 'empty'
  /** a valid `transfer_customer_service` (SPEC §3.1) */
  | 'transfer'
  /** a valid passive message (official accounts only, SPEC §3.4) */
  | 'passive'
  /** an answer WeChat refuses: bad status, malformed, unverifiable or not allowed */
  | 'invalid'
  /** no answer within the deadline, after every retry */
  | 'timeout'
  /** the webhook could not be reached, after every retry */
  | 'unreachable'
  /** the app has no webhook: nobody received the message */
  | 'no-webhook';

/** What happened to one user action. */
export interface DeliveryOutcome {
  /** HTTP status of the last answer, undefined when none came. */
  status: number | undefined;
  reply: ReplyKind;
  /** Requests made (1 + retries used). */
  attempts: number;
  /** The notice the user saw, e.g. '该小程序客服暂时无法提供服务，请稍后再试'. */
  notice?: string;
  /** Why the answer was refused, for the developer (WeChat shows only the notice). */
  problem?: string;
}

/** A mini-program card the user shares into the chat (SPEC §1.6 miniprogrampage). */
export interface UserCard {
  title: string;
  /** The page path, query included: `pages/goods/detail?id=42`. */
  pagePath: string;
  /** @default the simulator app's appId */
  appId?: string;
  /** Cover image bytes (JPEG, PNG or GIF). @default a small placeholder PNG */
  thumb?: Uint8Array;
}

/** A user of one app, acting in the chat. Get one with `sim.user(openid)`. */
export interface SimulatedUser {
  readonly openid: string;
  readonly appId: string;
  /** Sends a text message (SPEC §1.6 text). */
  say(text: string): Promise<DeliveryOutcome>;
  /** Sends an image (JPEG, PNG or GIF bytes); the bot can fetch it with media/get. */
  sendImage(bytes: Uint8Array, options?: { filename?: string }): Promise<DeliveryOutcome>;
  /** Shares a mini-program card. */
  sendMiniProgramCard(card: UserCard): Promise<DeliveryOutcome>;
  /** Enters the chat through `<button open-type="contact" session-from=…>` (user_enter_tempsession). */
  enterSession(sessionFrom?: string): Promise<DeliveryOutcome>;
  /**
   * The next message the bot sent this user (through the API, or passively for official
   * accounts) that no earlier `nextMessage` returned; waits up to `timeout` ms for it.
   */
  nextMessage(options?: { timeout?: number }): Promise<DeliveredMessage>;
  /** The whole chat as the user sees it, oldest first. */
  conversation(): ChatEntry[];
  /** True once a `transfer_customer_service` reply handed the user to an agent. */
  readonly transferred: boolean;
}

/** A running simulator: API + users + chat page on one port. */
export interface Simulator {
  /** API base, `http://127.0.0.1:PORT`: pass it as the Application's `baseUrl`. */
  readonly url: string;
  /** The chat page, `http://127.0.0.1:PORT/chat`. */
  readonly chatUrl: string;
  /** The API half's state and hooks. */
  readonly world: WeChatWorld;
  /** A user of `appId` (default: the first app). */
  user(openid: string, appId?: string): SimulatedUser;
  /**
   * Calls `listener` for every new line of every chat (user, bot and WeChat's own lines), e.g. to
   * print a transcript; returns the unsubscribe function.
   */
  onEntry(listener: (entry: ChatEntry, conversation: { appId: string; openid: string }) => void): () => void;
  /** Points an app's pushes at `url` (undefined: none), optionally changing format and mode. */
  setWebhook(appId: string, url: string | undefined, options?: WebhookOptions): void;
  /** Closes the server, its connections and the page streams. */
  stop(): Promise<void>;
}
