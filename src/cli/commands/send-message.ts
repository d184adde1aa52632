import { Image } from '../../messages/image.js';
import type { MiniProgramMessage } from '../../messages/kinds.js';
import { Link } from '../../messages/link.js';
import type { SendPayload } from '../../messages/message.js';
import { MiniProgramPage } from '../../messages/miniprogram-page.js';
import { Raw } from '../../messages/raw.js';
import { splitText } from '../../messages/split-text.js';
import { DEFAULT_TEXT_MAX_BYTES, Text } from '../../messages/text.js';
import { UsageError } from '../failure.js';

/** The message flags of `wechat-cs send`. */
export interface MessageFlags {
  text: string | undefined;
  image?: string | undefined;
  link?: string | undefined;
  page?: string | undefined;
  payload?: string | undefined;
  title?: string | undefined;
  description?: string | undefined;
  'thumb-url'?: string | undefined;
  'thumb-media-id'?: string | undefined;
  'page-app-id'?: string | undefined;
  split?: boolean | undefined;
}

/**
 * The message(s) to send: exactly one of text, `--image`, `--link`, `--page`, `--payload`.
 * Text longer than 2048 UTF-8 bytes becomes several messages with `--split`; without it the
 * the command refuses it naming `--split` (a UsageError, exit code 2).
 */
export function buildMessages(flags: MessageFlags): MiniProgramMessage[] {
  const given = (['text', 'image', 'link', 'page', 'payload'] as const).filter((k) => flags[k] !== undefined);
  if (given.length !== 1) {
    throw new UsageError(
      given.length === 0
        ? 'nothing to send: give a text, or --image, --link, --page or --payload'
        : `give only one of text, --image, --link, --page, --payload (got ${given.join(', ')})`,
    );
  }
  if (flags.text !== undefined) {
    if (flags.split) return splitText(flags.text).map((piece) => new Text(piece));
    const bytes = Buffer.byteLength(flags.text, 'utf8');
    // The SDK's own message names splitText(); a shell user needs the flag.
    if (bytes > DEFAULT_TEXT_MAX_BYTES) {
      throw new UsageError(
        `the text is ${bytes} UTF-8 bytes, over WeChat's ${DEFAULT_TEXT_MAX_BYTES}: pass --split to send it as several messages`,
      );
    }
    return [new Text(flags.text)];
  }
  if (flags.image !== undefined) return [new Image(flags.image)];
  if (flags.link !== undefined) return [link(flags, flags.link)];
  if (flags.page !== undefined) return [page(flags, flags.page)];
  return [new Raw(parsePayload(flags.payload ?? ''))];
}

function link(flags: MessageFlags, url: string): Link {
  return new Link({
    title: required(flags.title, '--title', '--link'),
    description: required(flags.description, '--description', '--link'),
    url,
    thumbUrl: required(flags['thumb-url'], '--thumb-url', '--link'),
  });
}

function page(flags: MessageFlags, pagePath: string): MiniProgramPage {
  return new MiniProgramPage({
    title: required(flags.title, '--title', '--page'),
    pagePath,
    thumbMediaId: required(flags['thumb-media-id'], '--thumb-media-id', '--page'),
    ...(flags['page-app-id'] === undefined ? {} : { appId: flags['page-app-id'] }),
  });
}

function required(value: string | undefined, flag: string, kind: string): string {
  if (value === undefined) throw new UsageError(`${kind} needs ${flag}`);
  return value;
}

function parsePayload(text: string): SendPayload {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError('--payload must be JSON, e.g. \'{"msgtype":"text","text":{"content":"hi"}}\'');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError('--payload must be a JSON object with a msgtype');
  }
  return value as SendPayload;
}
