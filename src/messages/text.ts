import { optionsArg } from '../options-arg.js';
import type { OutgoingMessage, SendPayload } from './message.js';
import { checkString } from './validate.js';

/** WeChat does not document a limit; 2048 UTF-8 bytes is the widely reported one (SPEC §4.3). */
export const DEFAULT_TEXT_MAX_BYTES = 2048;

export interface TextOptions {
  /**
   * Largest content in UTF-8 bytes; longer text is refused (split it with `splitText`).
   * @default 2048
   */
  maxBytes?: number;
}

/**
 * A text message. May hold a mini-program link:
 * `<a href="…" data-miniprogram-appid="…" data-miniprogram-path="pages/index/index">…</a>`.
 *
 * @example new Text('你好')
 */
export class Text implements OutgoingMessage<'text'> {
  readonly type = 'text';
  readonly content: string;

  constructor(content: string, options?: TextOptions) {
    this.content = checkString('text.content', content, {
      maxBytes: optionsArg('options', options).maxBytes ?? DEFAULT_TEXT_MAX_BYTES,
    });
    Object.freeze(this);
  }

  toPayload(): SendPayload {
    return { msgtype: 'text', text: { content: this.content } };
  }
}
