import type { OutgoingMessage } from './message.js';
import { checkString } from './validate.js';

/**
 * Hands this user message over to the web customer-service tool (网页版客服工具 / 客服小助手), as
 * the passive reply to a push (SPEC §3.1). Reply-only: it cannot be sent through the API. Official
 * accounts may name an agent (`kf2001@gh_x`); mini programs ignore it.
 *
 * @example app.server.push(() => new TransferCustomerService(), 'text')
 */
export class TransferCustomerService implements OutgoingMessage<'transfer_customer_service'> {
  readonly type = 'transfer_customer_service';
  readonly kfAccount: string | undefined;

  constructor(kfAccount?: string) {
    this.kfAccount = kfAccount === undefined ? undefined : checkString('TransInfo.KfAccount', kfAccount);
    Object.freeze(this);
  }

  /** Reply-only: there is no send payload. */
  toPayload(): undefined {
    return undefined;
  }
}
