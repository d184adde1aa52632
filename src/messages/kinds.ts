import { ValidationError } from '../errors.js';
import type { AccountKind } from '../options.js';
import type { Image } from './image.js';
import type { Link } from './link.js';
import type { OutgoingMessage } from './message.js';
import type { MiniProgramPage } from './miniprogram-page.js';
import type { MpNews, MpNewsArticle } from './mpnews.js';
import type { MsgMenu } from './msg-menu.js';
import type { Music } from './music.js';
import type { News } from './news.js';
import type { Raw } from './raw.js';
import { Text } from './text.js';
import type { Video } from './video.js';
import type { Voice } from './voice.js';
import type { WxCard } from './wx-card.js';

/** What a mini program can send through the customer-service API (SPEC §4.2). */
export type MiniProgramMessage = Text | Image | Link | MiniProgramPage | Raw;

/** What an official account can send through the customer-service API (SPEC §4.2). */
export type OfficialAccountMessage =
  | Text
  | Image
  | Voice
  | Video
  | Music
  | News
  | MpNews
  | MpNewsArticle
  | MsgMenu
  | WxCard
  | MiniProgramPage
  | Raw;

/** The messages an account of kind `K` can send; a plain string is shorthand for `Text`. */
export type MessageFor<K extends AccountKind> =
  | (K extends 'miniprogram' ? MiniProgramMessage : never)
  | (K extends 'official-account' ? OfficialAccountMessage : never)
  | string;

const SENDABLE: Record<AccountKind, ReadonlySet<string>> = {
  miniprogram: new Set(['text', 'image', 'link', 'miniprogrampage', 'raw']),
  'official-account': new Set([
    'text',
    'image',
    'voice',
    'video',
    'music',
    'news',
    'mpnews',
    'mpnewsarticle',
    'msgmenu',
    'wxcard',
    'miniprogrampage',
    'raw',
  ]),
};

/** True if an account of `kind` can send a message of `type` through the API. */
export function canSend(kind: AccountKind, type: string): boolean {
  return SENDABLE[kind].has(type);
}

/**
 * Turns a string into `Text` and checks that `kind` can send `message`; throws ValidationError
 * before any network call otherwise (the compile-time check covers literal kinds, this one the rest).
 */
export function toSendable<K extends AccountKind>(
  kind: K,
  message: MessageFor<K> | OutgoingMessage,
): OutgoingMessage {
  const outgoing = typeof message === 'string' ? new Text(message) : message;
  if (typeof outgoing !== 'object' || outgoing === null || typeof outgoing.toPayload !== 'function') {
    throw new ValidationError('message', 'must be a string or a message object such as new Text(…)');
  }
  if (!canSend(kind, outgoing.type)) {
    const allowed = [...SENDABLE[kind]].join(', ');
    throw new ValidationError(
      'msgtype',
      `a ${kind} cannot send ${outgoing.type} through the customer-service API (it can send: ${allowed})`,
    );
  }
  return outgoing;
}
