import type { OutgoingMessage, SendPayload } from './message.js';
import { checkObject, checkOptionalString, checkString } from './validate.js';

export interface VideoOptions {
  mediaId: string;
  thumbMediaId: string;
  title?: string;
  description?: string;
}

/** A video (official accounts). `title` and `description` are optional (SPEC §4.2). */
export class Video implements OutgoingMessage<'video'> {
  readonly type = 'video';
  readonly mediaId: string;
  readonly thumbMediaId: string;
  readonly title: string | undefined;
  readonly description: string | undefined;

  constructor(options: VideoOptions) {
    checkObject('video', options);
    this.mediaId = checkString('video.media_id', options.mediaId);
    this.thumbMediaId = checkString('video.thumb_media_id', options.thumbMediaId);
    this.title = checkOptionalString('video.title', options.title);
    this.description = checkOptionalString('video.description', options.description);
    Object.freeze(this);
  }

  toPayload(): SendPayload {
    return {
      msgtype: 'video',
      video: {
        media_id: this.mediaId,
        thumb_media_id: this.thumbMediaId,
        ...(this.title === undefined ? {} : { title: this.title }),
        ...(this.description === undefined ? {} : { description: this.description }),
      },
    };
  }
}
