import type { OutgoingMessage, SendPayload } from './message.js';
import { checkObject, checkOptionalString, checkString } from './validate.js';

export interface MusicOptions {
  musicUrl: string;
  thumbMediaId: string;
  title?: string;
  description?: string;
  /** High-quality URL, used on Wi-Fi. */
  hqMusicUrl?: string;
}

/** A music card (official accounts). */
export class Music implements OutgoingMessage<'music'> {
  readonly type = 'music';
  readonly musicUrl: string;
  readonly thumbMediaId: string;
  readonly title: string | undefined;
  readonly description: string | undefined;
  readonly hqMusicUrl: string | undefined;

  constructor(options: MusicOptions) {
    checkObject('music', options);
    this.musicUrl = checkString('music.musicurl', options.musicUrl);
    this.thumbMediaId = checkString('music.thumb_media_id', options.thumbMediaId);
    this.title = checkOptionalString('music.title', options.title);
    this.description = checkOptionalString('music.description', options.description);
    this.hqMusicUrl = checkOptionalString('music.hqmusicurl', options.hqMusicUrl);
    Object.freeze(this);
  }

  toPayload(): SendPayload {
    return {
      msgtype: 'music',
      music: {
        title: this.title ?? '',
        description: this.description ?? '',
        musicurl: this.musicUrl,
        hqmusicurl: this.hqMusicUrl ?? this.musicUrl,
        thumb_media_id: this.thumbMediaId,
      },
    };
  }
}
