import { ConfigError } from '../../errors.js';
import type { Services } from './services.js';
import type {
  DeliveredMessage,
  FakeMediaType,
  Fault,
  RequestRecord,
  StoredMedia,
  TypingEvent,
  WeChatWorld,
} from './types.js';

const MEDIA_TYPES: readonly string[] = ['image', 'voice', 'video', 'thumb'] satisfies FakeMediaType[];

/** The {@link WeChatWorld} of one fake API: a thin, argument-checking face over its state. */
export class World implements WeChatWorld {
  readonly #services: Services;

  constructor(services: Services) {
    this.#services = services;
  }

  userSent(appId: string, openid: string): void {
    this.#user(appId, openid);
    this.#services.conversations.userSent(appId, openid, this.#services.clock());
  }

  userEntered(appId: string, openid: string): void {
    this.#user(appId, openid);
    this.#services.conversations.userEntered(appId, openid, this.#services.clock());
  }

  messages(appId: string, openid?: string): DeliveredMessage[] {
    return this.#services.feed.messages(appId, openid);
  }

  onMessage(listener: (message: DeliveredMessage) => void): () => void {
    return this.#services.feed.onMessage(listener);
  }

  typingState(appId: string, openid: string): 'Typing' | 'None' {
    return this.#services.typing.state(appId, openid, this.#services.clock());
  }

  onTyping(listener: (event: TypingEvent) => void): () => void {
    return this.#services.feed.onTyping(listener);
  }

  tokenRequests(appId: string): number {
    return this.#services.tokens.successes(appId);
  }

  invalidateTokens(appId: string): void {
    this.#services.apps.require(appId);
    this.#services.tokens.invalidate(appId);
  }

  expireTokens(appId: string): void {
    this.#services.apps.require(appId);
    this.#services.tokens.expire(appId);
  }

  putMedia(
    appId: string,
    media: { type: string; data: Buffer; contentType: string; filename: string },
  ): string {
    this.#services.apps.require(appId);
    if (!MEDIA_TYPES.includes(media?.type))
      throw new ConfigError('type', `must be one of ${MEDIA_TYPES.join(', ')}`);
    if (!Buffer.isBuffer(media.data)) throw new ConfigError('data', 'must be a Buffer');
    const { type, data, contentType, filename } = media;
    return this.#services.media.put(appId, { type, data, contentType, filename }, this.#services.clock());
  }

  getMedia(appId: string, mediaId: string): StoredMedia | undefined {
    return this.#services.media.get(appId, mediaId, this.#services.clock());
  }

  inject(path: string, fault: Fault, times?: number): void {
    this.#services.faults.add(path, fault, times);
  }

  requests(): ReadonlyArray<RequestRecord> {
    return [...this.#services.requests.all()];
  }

  #user(appId: string, openid: string): void {
    this.#services.apps.require(appId);
    if (typeof openid !== 'string' || openid === '')
      throw new ConfigError('openid', 'must be a non-empty string');
  }
}
