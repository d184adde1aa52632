import type { Image } from '../messages/image.js';
import type { Music } from '../messages/music.js';
import type { News } from '../messages/news.js';
import type { Text } from '../messages/text.js';
import type { TransferCustomerService } from '../messages/transfer-customer-service.js';
import type { Video } from '../messages/video.js';
import type { Voice } from '../messages/voice.js';

/**
 * Passive reply documents (SPEC §3.1, §3.4) built from templates, not a general XML builder:
 * every string goes into CDATA with `]]>` split across two sections (SPEC §9.3), integers bare.
 */

/** The messages an official account may answer passively (SPEC §3.4). */
export type PassiveMessage = Text | Image | Voice | Video | Music | News | TransferCustomerService;

/** Who the reply goes to: the push's sender and account, swapped. */
export interface ReplyAddress {
  /** The user's OpenID (the push's `FromUserName`). */
  toUser: string;
  /** The account's original id (the push's `ToUserName`). */
  fromUser: string;
  /** Unix seconds. */
  createTime: number;
}

/** `<![CDATA[…]]>`, with `]]>` inside the value split so the section cannot end early. */
export function cdata(value: string): string {
  return `<![CDATA[${value.includes(']]>') ? value.replaceAll(']]>', ']]]]><![CDATA[>') : value}]]>`;
}

function element(name: string, value: string | undefined): string {
  return value === undefined ? '' : `<${name}>${cdata(value)}</${name}>`;
}

/** The XML document for `message` addressed by `to`. */
export function passiveXml(message: PassiveMessage, to: ReplyAddress): string {
  const head =
    `<xml><ToUserName>${cdata(to.toUser)}</ToUserName><FromUserName>${cdata(to.fromUser)}</FromUserName>` +
    `<CreateTime>${to.createTime}</CreateTime><MsgType>${cdata(message.type)}</MsgType>`;
  return `${head}${passiveBody(message)}</xml>`;
}

function passiveBody(message: PassiveMessage): string {
  switch (message.type) {
    case 'text':
      return element('Content', message.content);
    case 'image':
      return `<Image>${element('MediaId', message.mediaId)}</Image>`;
    case 'voice':
      return `<Voice>${element('MediaId', message.mediaId)}</Voice>`;
    case 'video':
      return `<Video>${element('MediaId', message.mediaId)}${element('Title', message.title)}${element('Description', message.description)}</Video>`;
    case 'music':
      return `<Music>${element('Title', message.title)}${element('Description', message.description)}${element('MusicUrl', message.musicUrl)}${element('HQMusicUrl', message.hqMusicUrl ?? message.musicUrl)}${element('ThumbMediaId', message.thumbMediaId)}</Music>`;
    case 'news':
      return `<ArticleCount>${message.articles.length}</ArticleCount><Articles>${message.articles
        .map(
          (a) =>
            `<item>${element('Title', a.title)}${element('Description', a.description)}${element('PicUrl', a.picUrl)}${element('Url', a.url)}</item>`,
        )
        .join('')}</Articles>`;
    case 'transfer_customer_service':
      return message.kfAccount === undefined
        ? ''
        : `<TransInfo>${element('KfAccount', message.kfAccount)}</TransInfo>`;
  }
}

/**
 * The JSON form of `transfer_customer_service` for a JSON push (SPEC §3.1); `TransInfo` only
 * when an agent is named. A template, as `JSON.stringify` of a fresh object costs ~6× more on
 * the hot path (DESIGN §1.7); every string goes through {@link jsonString}.
 */
export function transferJson(message: TransferCustomerService, to: ReplyAddress): string {
  const agent =
    message.kfAccount === undefined ? '' : `,"TransInfo":{"KfAccount":${jsonString(message.kfAccount)}}`;
  return `{"ToUserName":${jsonString(to.toUser)},"FromUserName":${jsonString(to.fromUser)},"CreateTime":${to.createTime},"MsgType":"transfer_customer_service"${agent}}`;
}

/** Anything `JSON.stringify` would escape: quotes, backslashes, controls, surrogates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it looks for.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A JSON string literal: quoted as is when nothing needs escaping (OpenIDs never do). */
export function jsonString(value: string): string {
  return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
}
