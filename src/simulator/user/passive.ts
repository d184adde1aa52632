import type { Fields } from '../../server/json.js';
import type { DeliveredMessage } from '../api/types.js';

/** PascalCase fields of passive replies (SPEC §3.4) → snake_case of the send API (SPEC §4.2). */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  MediaId: 'media_id',
  Title: 'title',
  Description: 'description',
  MusicUrl: 'musicurl',
  HQMusicUrl: 'hqmusicurl',
  ThumbMediaId: 'thumb_media_id',
  PicUrl: 'picurl',
  Url: 'url',
};

/**
 * An official account's passive reply in the shape the send API takes, so the chat and
 * `nextMessage()` treat both ways of answering alike.
 */
export function passiveAsMessage(
  fields: Fields,
  appId: string,
  openid: string,
  at: number,
): DeliveredMessage {
  const msgtype = String(fields.MsgType);
  const payload: Record<string, unknown> = { touser: openid, msgtype };
  if (msgtype === 'text') payload.text = { content: String(fields.Content ?? '') };
  else if (msgtype === 'news') payload.news = { articles: articles(fields.Articles) };
  else payload[msgtype] = renamed(fields[capitalize(msgtype)]);
  return { appId, touser: openid, msgtype, payload, at };
}

function articles(value: unknown): Record<string, unknown>[] {
  const item = isObject(value) ? value.item : undefined;
  const items = Array.isArray(item) ? item : item === undefined ? [] : [item];
  return items.map(renamed);
}

function renamed(value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!isObject(value)) return out;
  for (const [name, field] of Object.entries(value)) out[FIELD_NAMES[name] ?? name.toLowerCase()] = field;
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
