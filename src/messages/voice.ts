import type { OutgoingMessage, SendPayload } from './message.js';
import { checkString } from './validate.js';

/** A voice message (official accounts), by the `media_id` of an uploaded `voice`. */
export class Voice implements OutgoingMessage<'voice'> {
  readonly type = 'voice';
  readonly mediaId: string;

  constructor(mediaId: string) {
    this.mediaId = checkString('voice.media_id', mediaId);
    Object.freeze(this);
  }

  toPayload(): SendPayload {
    return { msgtype: 'voice', voice: { media_id: this.mediaId } };
  }
}
