import type { AppRegistry } from './apps.js';
import type { BodyResult } from './body.js';
import type { BoundedLog } from './bounded-log.js';
import type { ClientIp } from './client-ip.js';
import type { Conversations } from './conversations.js';
import type { FaultQueue } from './faults.js';
import type { Feed } from './feed.js';
import type { ForceRefreshLimiter } from './force-refresh.js';
import type { MediaStore } from './media-store.js';
import type { Reply } from './reply.js';
import type { TokenStore } from './tokens.js';
import type { FakeMediaType, RequestRecord } from './types.js';
import type { TypingStore } from './typing-store.js';

/** The state of one fake API, shared by its routes and its {@link WeChatWorld}. */
export interface Services {
  readonly clock: () => number;
  readonly apps: AppRegistry;
  readonly tokens: TokenStore;
  readonly forceRefresh: ForceRefreshLimiter;
  readonly conversations: Conversations;
  readonly typing: TypingStore;
  readonly media: MediaStore;
  readonly feed: Feed;
  readonly faults: FaultQueue;
  readonly requests: BoundedLog<RequestRecord>;
  readonly allowedIps: readonly string[] | undefined;
  readonly mediaMaxBytes: Readonly<Record<FakeMediaType, number>>;
  readonly maxJsonBytes: number;
  /** `http://host:port`, known once listening (for OA video `video_url`). */
  baseUrl: string;
}

/** One request as a route sees it. */
export interface RouteContext {
  readonly method: string;
  /** Path without the query. */
  readonly path: string;
  /** Repeated parameters: `get` returns the first, as WeChat does. */
  readonly query: URLSearchParams;
  readonly contentType: string | undefined;
  readonly ip: ClientIp;
  /** The clock, read once when the request arrived. */
  readonly now: number;
  readonly services: Services;
  /** Reads the body up to `limit` bytes; over it, the connection is closed after the answer. */
  readBody(limit: number): Promise<BodyResult>;
}

/** A route handler; it may throw {@link ApiFailure} to answer with an errcode. */
export type Route = (context: RouteContext) => Promise<Reply> | Reply;
