import type { AccountKind } from '../../options.js';

/** One account served by the fake API. */
export interface FakeApiApp {
  /** The AppID (`wx…`). */
  appId: string;
  /** The AppSecret the token endpoints expect. */
  secret: string;
  /**
   * Decides the typing path, the allowed `msgtype`s and the media types (SPEC §4.2, §5, §6.1).
   * @default 'miniprogram'
   */
  kind?: AccountKind;
  /** The original id (`gh_…`). @default 'gh_' + the first 12 characters after 'wx' */
  originalId?: string;
}

/** Media types of `/cgi-bin/media/upload?type=` (SPEC §6.1). */
export type FakeMediaType = 'image' | 'voice' | 'video' | 'thumb';

/** Options of {@link startFakeApi}. */
export interface FakeApiOptions {
  apps: FakeApiApp[];
  /** Current time in epoch ms; ALL expiry, window and quota logic reads it. @default Date.now */
  clock?: () => number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default 0 (a free port) */
  port?: number;
  /** Lifetime of issued access tokens. @default 7200 */
  tokenTtlSeconds?: number;
  /** If set, the token endpoints answer other client IPs with 40164 (SPEC §4.4). */
  allowedIps?: string[];
  /**
   * Largest upload per media type in bytes (45001 above).
   * @default { image: 2 MB, voice: 2 MB, video: 10 MB, thumb: 64 KB } (SPEC §6.1)
   */
  mediaMaxBytes?: Partial<Record<FakeMediaType, number>>;
  /** Largest JSON request body in bytes (45002 above). @default 65_536 */
  maxJsonBytes?: number;
  /** How many delivered messages and request records are kept (oldest dropped first). @default 10_000 */
  maxRecords?: number;
}

/** A running fake WeChat API. */
export interface FakeApi {
  /** `http://127.0.0.1:PORT`: pass it as the Application's `baseUrl`. */
  readonly url: string;
  /** State and hooks for tests and the simulator's user half. */
  readonly world: WeChatWorld;
  /** Closes the server, every open socket and every pending injected delay. */
  close(): Promise<void>;
}

/** A customer-service message the API accepted (custom/send or business/send). */
export interface DeliveredMessage {
  appId: string;
  touser: string;
  msgtype: string;
  /** The full JSON body as received (parsed), including `touser`. */
  payload: Record<string, unknown>;
  /** Clock ms. */
  at: number;
  /** `customservice.kf_account`, when given. */
  kfAccount?: string;
  /** `businessid`, when given (always for business/send). */
  businessId?: string;
}

/** A typing command the API accepted, or the cancel caused by a sent message (SPEC §5). */
export interface TypingEvent {
  appId: string;
  openid: string;
  command: 'Typing' | 'CancelTyping';
  at: number;
}

/** A stored temporary media file (SPEC §6). */
export interface StoredMedia {
  type: string;
  data: Buffer;
  contentType: string;
  filename: string;
  createdAt: number;
}

/** What `inject` makes the API do instead of (or before) answering normally. */
export type Fault =
  | { errcode: number; errmsg?: string }
  | { status: number; body?: string }
  | { delayMs: number }
  | { destroy: true };

/** One request the API saw. Query values are never kept (the access_token is one of them). */
export interface RequestRecord {
  method: string;
  path: string;
  /** Names of the query parameters, in order. */
  query: string[];
  /** HTTP status; 0 when the socket was destroyed by a fault. */
  status: number;
  /** `errcode` of a JSON answer that had one, else undefined. */
  errcode: number | undefined;
  at: number;
}

/** State and hooks of the fake API, for tests and the simulator's user half. */
export interface WeChatWorld {
  /** As if the user sent a message: 5 messages / 48 h, and a message exchange now (SPEC §4.3, §5). */
  userSent(appId: string, openid: string): void;
  /** As if the user entered the chat: 2 messages / 1 min (SPEC §4.3). */
  userEntered(appId: string, openid: string): void;
  /** Messages the API accepted, oldest first. */
  messages(appId: string, openid?: string): DeliveredMessage[];
  /** Called for each accepted message; returns an unsubscribe function. */
  onMessage(listener: (message: DeliveredMessage) => void): () => void;
  /** The user's typing indicator now (a Typing lasts 15 s, SPEC §5). */
  typingState(appId: string, openid: string): 'Typing' | 'None';
  /** Called for each typing change; returns an unsubscribe function. */
  onTyping(listener: (event: TypingEvent) => void): () => void;
  /** Successful /cgi-bin/token + /cgi-bin/stable_token calls for the app. */
  tokenRequests(appId: string): number;
  /** Every current token of the app now answers 40001. */
  invalidateTokens(appId: string): void;
  /** Every current token of the app now answers 42001. */
  expireTokens(appId: string): void;
  /** Stores media as if uploaded; returns its media_id. */
  putMedia(
    appId: string,
    media: { type: string; data: Buffer; contentType: string; filename: string },
  ): string;
  /** The stored media, or undefined when unknown or expired (3 days). */
  getMedia(appId: string, mediaId: string): StoredMedia | undefined;
  /** Applies `fault` to the next `times` (default 1) requests whose path (no query) equals `path`. */
  inject(path: string, fault: Fault, times?: number): void;
  /** Every request seen, oldest first. */
  requests(): ReadonlyArray<RequestRecord>;
}
