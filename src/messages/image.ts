import type { OutgoingMessage, SendPayload } from './message.js';
import { checkString } from './validate.js';

/**
 * An image, by the `media_id` of a temporary upload (`app.media.upload`, valid 3 days).
 *
 * @example new Image((await app.media.upload(buffer, { type: 'image' })).media_id)
 */
export class Image implements OutgoingMessage<'image'> {
  readonly type = 'image';
  readonly mediaId: string;

  constructor(mediaId: string) {
    this.mediaId = checkString('image.media_id', mediaId);
    Object.freeze(this);
  }

  toPayload(): SendPayload {
    return { msgtype: 'image', image: { media_id: this.mediaId } };
  }
}
