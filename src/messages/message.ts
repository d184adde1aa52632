/**
 * The contract every outgoing message class meets (DESIGN §4). Classes are immutable and
 * validated in their constructors, so a message that exists can be sent.
 */

/** The body of `/cgi-bin/message/custom/send` without `touser` (SPEC §4.2). */
export interface SendPayload {
  msgtype: string;
  [field: string]: unknown;
}

/** An outgoing message: a literal `type` and its send payload. */
export interface OutgoingMessage<T extends string = string> {
  /** WeChat's `msgtype` (or `transfer_customer_service`, `raw`). */
  readonly type: T;
  /** The `msgtype` and its object for the send API; `undefined` for reply-only kinds. */
  toPayload(): SendPayload | undefined;
}
