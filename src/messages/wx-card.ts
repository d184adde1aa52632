import type { OutgoingMessage, SendPayload } from './message.js';
import { checkString } from './validate.js';

/** A WeChat card/coupon (official accounts). */
export class WxCard implements OutgoingMessage<'wxcard'> {
  readonly type = 'wxcard';
  readonly cardId: string;

  constructor(cardId: string) {
    this.cardId = checkString('wxcard.card_id', cardId);
    Object.freeze(this);
  }

  toPayload(): SendPayload {
    return { msgtype: 'wxcard', wxcard: { card_id: this.cardId } };
  }
}
