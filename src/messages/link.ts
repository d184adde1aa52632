import type { OutgoingMessage, SendPayload } from './message.js';
import { checkObject, checkString, checkUrl } from './validate.js';

export interface LinkOptions {
  title: string;
  description: string;
  /** Opened when the user taps the card. */
  url: string;
  /** JPG/PNG cover URL (best 640×320 large, 80×80 small). */
  thumbUrl: string;
}

/** A link card (mini programs; SPEC §4.2). All four fields are required. */
export class Link implements OutgoingMessage<'link'> {
  readonly type = 'link';
  readonly title: string;
  readonly description: string;
  readonly url: string;
  readonly thumbUrl: string;

  constructor(options: LinkOptions) {
    checkObject('link', options);
    this.title = checkString('link.title', options.title);
    this.description = checkString('link.description', options.description);
    this.url = checkUrl('link.url', options.url);
    this.thumbUrl = checkUrl('link.thumb_url', options.thumbUrl);
    Object.freeze(this);
  }

  toPayload(): SendPayload {
    return {
      msgtype: 'link',
      link: { title: this.title, description: this.description, url: this.url, thumb_url: this.thumbUrl },
    };
  }
}
