import type { DeliveredMessage } from '../api/types.js';

/** What every line of a chat has: an id (ascending per simulator) and the clock ms it happened. */
interface EntryBase {
  id: number;
  at: number;
}

/** What the mini program receives in `bindcontact` when the user taps a bot's card (SPEC §8.1). */
export interface ContactDetail {
  /** `e.detail.path`: the card's page path without its query. */
  path: string;
  /** `e.detail.query`: the card's query parameters. */
  query: Record<string, string>;
}

/** Something the user sent. Media `url`s are relative to the simulator (`/media/…`). */
export type UserEntry = EntryBase & { from: 'user' } & (
    | { kind: 'text'; text: string }
    | { kind: 'image'; mediaId: string; url: string }
    | { kind: 'miniprogrampage'; title: string; pagePath: string; appId: string; thumbUrl: string }
  );

/** Something the bot sent, with the message as the API received it. */
export type BotEntry = EntryBase & { from: 'bot'; message: DeliveredMessage; passive: boolean } & (
    | { kind: 'text'; text: string }
    | { kind: 'image'; mediaId: string; url: string }
    | { kind: 'link'; title: string; description: string; url: string; thumbUrl: string }
    | {
        kind: 'miniprogrampage';
        title: string;
        pagePath: string;
        thumbUrl: string | undefined;
        contact: ContactDetail;
      }
    | { kind: 'other'; msgtype: string }
  );

/** Lines WeChat itself shows: entering the chat, the error notice, the hand-over to an agent. */
export type SystemEntry = EntryBase & { from: 'system' } & (
    | { kind: 'enter'; sessionFrom: string }
    | { kind: 'notice'; text: string; problem: string }
    | { kind: 'transfer' }
  );

/** One line of a conversation as the user sees it. */
export type ChatEntry = UserEntry | BotEntry | SystemEntry;

/** `Omit` applied to each member of a union, so the result stays a discriminated union. */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A line before it gets its id and time. */
export type NewEntry = OmitEach<ChatEntry, 'id' | 'at'>;

/** WeChat's notice for a webhook that timed out or answered abnormally (SPEC §3.2). */
export const MINIPROGRAM_NOTICE = '该小程序客服暂时无法提供服务，请稍后再试';
/** The official-account wording (SPEC §3.2, recalled, unconfirmed). */
export const OFFICIAL_ACCOUNT_NOTICE = '该公众号暂时无法提供服务，请稍后再试';

/** The page path and query of a card, as `bindcontact` hands them over (SPEC §8.1). */
export function contactDetail(pagePath: string): ContactDetail {
  const at = pagePath.indexOf('?');
  const path = at < 0 ? pagePath : pagePath.slice(0, at);
  const query: Record<string, string> = {};
  if (at >= 0) for (const [name, value] of new URLSearchParams(pagePath.slice(at + 1))) query[name] = value;
  return { path, query };
}

/** The media route of the simulator, for `<img src>` and `PicUrl`. */
export function mediaPath(appId: string, mediaId: string): string {
  return `/media/${encodeURIComponent(appId)}/${encodeURIComponent(mediaId)}`;
}

/** How a message the bot sent looks in the chat (SPEC §4.2 shapes). */
export function botEntry(message: DeliveredMessage, passive: boolean): NewEntry {
  const base = { from: 'bot' as const, message, passive };
  const body = objectField(message.payload, message.msgtype);
  const text = (name: string): string => stringField(body, name);
  switch (message.msgtype) {
    case 'text':
      return { ...base, kind: 'text', text: text('content') };
    case 'image':
      return {
        ...base,
        kind: 'image',
        mediaId: text('media_id'),
        url: mediaPath(message.appId, text('media_id')),
      };
    case 'link':
      return {
        ...base,
        kind: 'link',
        title: text('title'),
        description: text('description'),
        url: text('url'),
        thumbUrl: text('thumb_url'),
      };
    case 'miniprogrampage': {
      const thumb = text('thumb_media_id');
      return {
        ...base,
        kind: 'miniprogrampage',
        title: text('title'),
        pagePath: text('pagepath'),
        thumbUrl: thumb === '' ? undefined : mediaPath(message.appId, thumb),
        contact: contactDetail(text('pagepath')),
      };
    }
    default:
      return { ...base, kind: 'other', msgtype: message.msgtype };
  }
}

function objectField(value: Record<string, unknown>, name: string): Record<string, unknown> {
  const field = value[name];
  return typeof field === 'object' && field !== null ? (field as Record<string, unknown>) : {};
}

function stringField(value: Record<string, unknown>, name: string): string {
  const field = value[name];
  return typeof field === 'string' ? field : '';
}
