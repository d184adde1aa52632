import { ValidationError } from '../errors.js';
import type { OutgoingMessage, SendPayload } from './message.js';

/**
 * A payload sent as given (without `touser`), for a `msgtype` this SDK has no class for yet.
 * Only `msgtype` is checked.
 *
 * @example new Raw({ msgtype: 'text', text: { content: 'hi' } })
 */
export class Raw implements OutgoingMessage<'raw'> {
  readonly type = 'raw';
  readonly payload: Readonly<SendPayload>;

  constructor(payload: SendPayload) {
    if (
      typeof payload !== 'object' ||
      payload === null ||
      typeof payload.msgtype !== 'string' ||
      !payload.msgtype
    ) {
      throw new ValidationError('msgtype', 'a Raw payload needs a non-empty string msgtype');
    }
    if ('touser' in payload) {
      throw new ValidationError('touser', 'leave touser out of a Raw payload; pass the openid to .to()');
    }
    this.payload = Object.freeze({ ...payload });
    Object.freeze(this);
  }

  toPayload(): SendPayload {
    return { ...this.payload };
  }
}
