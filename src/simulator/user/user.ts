import { ValidationError } from '../../errors.js';
import type { DeliveredMessage } from '../api/types.js';
import { type ChatEntry, mediaPath } from '../chat/entries.js';
import type { DeliveryOutcome, SimulatedUser, UserCard } from '../types.js';
import type { SimAccount } from './account.js';
import { act, type UserHalf } from './act.js';
import { PLACEHOLDER_PNG, type UserImage, userImage } from './media.js';

/** `nextMessage()` waits this long by default: a little more than WeChat's 5 s deadline. */
const DEFAULT_NEXT_MESSAGE_TIMEOUT = 10_000;

/** A user of one account; cheap to create, all state lives in the simulator. */
export class User implements SimulatedUser {
  readonly openid: string;
  readonly #half: UserHalf;
  readonly #account: SimAccount;

  constructor(half: UserHalf, account: SimAccount, openid: string) {
    this.#half = half;
    this.#account = account;
    this.openid = openid;
    half.chat.ensure(account.appId, openid);
  }

  get appId(): string {
    return this.#account.appId;
  }

  get transferred(): boolean {
    return this.#half.chat.isTransferred(this.appId, this.openid);
  }

  say(text: string): Promise<DeliveryOutcome> {
    if (typeof text !== 'string' || text === '') {
      return Promise.reject(new ValidationError('text', 'must be a non-empty string'));
    }
    return act(this.#half, this.#account, this.openid, {
      entry: { from: 'user', kind: 'text', text },
      fields: { MsgType: 'text', Content: text },
      opens: 'message',
    });
  }

  async sendImage(bytes: Uint8Array, options: { filename?: string } = {}): Promise<DeliveryOutcome> {
    const { mediaId, url, picUrl } = this.#store(userImage(bytes, 'image', options.filename));
    return act(this.#half, this.#account, this.openid, {
      entry: { from: 'user', kind: 'image', mediaId, url },
      fields: { MsgType: 'image', PicUrl: picUrl, MediaId: mediaId },
      opens: 'message',
    });
  }

  async sendMiniProgramCard(card: UserCard): Promise<DeliveryOutcome> {
    if (typeof card?.title !== 'string' || typeof card.pagePath !== 'string' || card.pagePath === '') {
      throw new ValidationError('card', 'needs a title and a pagePath');
    }
    const thumb =
      card.thumb === undefined
        ? { data: PLACEHOLDER_PNG, contentType: 'image/png', filename: 'thumb.png' }
        : userImage(card.thumb, 'card.thumb');
    const { mediaId, url, picUrl } = this.#store(thumb);
    const appId = card.appId ?? this.appId;
    return act(this.#half, this.#account, this.openid, {
      entry: {
        from: 'user',
        kind: 'miniprogrampage',
        title: card.title,
        pagePath: card.pagePath,
        appId,
        thumbUrl: url,
      },
      fields: {
        MsgType: 'miniprogrampage',
        Title: card.title,
        AppId: appId,
        PagePath: card.pagePath,
        ThumbUrl: picUrl,
        ThumbMediaId: mediaId,
      },
      opens: 'message',
    });
  }

  async enterSession(sessionFrom = ''): Promise<DeliveryOutcome> {
    if (typeof sessionFrom !== 'string') throw new ValidationError('sessionFrom', 'must be a string');
    return act(this.#half, this.#account, this.openid, {
      entry: { from: 'system', kind: 'enter', sessionFrom },
      fields: { MsgType: 'event', Event: 'user_enter_tempsession', SessionFrom: sessionFrom },
      opens: 'enter',
    });
  }

  nextMessage(options: { timeout?: number } = {}): Promise<DeliveredMessage> {
    const timeout = options.timeout ?? DEFAULT_NEXT_MESSAGE_TIMEOUT;
    if (!Number.isFinite(timeout) || timeout <= 0) {
      return Promise.reject(new ValidationError('timeout', 'must be a positive number of ms'));
    }
    return this.#half.chat.nextMessage(this.appId, this.openid, timeout);
  }

  conversation(): ChatEntry[] {
    return this.#half.chat.entries(this.appId, this.openid);
  }

  /** Puts a user's picture in the media store, where the bot's media/get finds it (SPEC §1.6). */
  #store(image: UserImage): { mediaId: string; url: string; picUrl: string } {
    const mediaId = this.#half.world.putMedia(this.appId, { type: 'image', ...image });
    const url = mediaPath(this.appId, mediaId);
    return { mediaId, url, picUrl: `${this.#half.baseUrl}${url}` };
  }

  toJSON(): { appId: string; openid: string } {
    return { appId: this.appId, openid: this.openid };
  }
}
