import { ValidationError } from '../errors.js';
import type { RequestOptions } from '../http/client.js';
import { canSend, type MessageFor, toSendable } from '../messages/kinds.js';
import { checkString } from '../messages/validate.js';
import type { AccountKind, Settings } from '../options.js';
import { optionsArg } from '../options-arg.js';
import type { ApiClient } from './api-client.js';
import type { SendBodyFor } from './send-body.js';

/** Options of a send, always the last argument (DESIGN §5). */
export interface SendOptions extends RequestOptions {
  /** 客服子商户: sends through `/cgi-bin/message/custom/business/send` with `businessid` (SPEC §4.1). */
  businessId?: string | undefined;
  /** Marks the message as AI-generated: `aimsgcontext: { is_ai_msg: 1 }` (SPEC §4.2). @default false */
  aiGenerated?: boolean | undefined;
}

/** WeChat's answer to a successful send. */
export interface SendResult {
  errcode: number;
  errmsg: string;
}

/** A message with its recipient: ready to `send()`. */
export interface Delivery {
  /** Sends the message; rejects with a typed error (e.g. `ReplyWindowError` for 45015). */
  send(options?: SendOptions): Promise<SendResult>;
}

/** Official accounts can choose the agent account the message comes from. */
export interface AgentChoice {
  /** Sends as this agent account (`kf2001@gh_x`): `customservice.kf_account`. */
  by(kfAccount: string): Delivery;
}

/** `to(openid)` result: `send()`, plus `by()` unless the account is known to be a mini program. */
export type Recipient<K extends AccountKind> = Delivery &
  ([K] extends ['miniprogram'] ? unknown : AgentChoice);

/** `message(m)` result: its only method is `to()`, so `send()` before `to()` does not compile. */
export interface MessageBuilder<K extends AccountKind> {
  /** The user's OpenID (from the push's `FromUserName`). */
  to(openid: string): Recipient<K>;
}

const SEND_PATH = '/cgi-bin/message/custom/send';
const BUSINESS_SEND_PATH = '/cgi-bin/message/custom/business/send';

/**
 * Customer-service messages (客服消息, SPEC §4).
 *
 * @example
 * await app.customerService.message(new Text('你好')).to(openid).send();
 * await app.customerService.message('你好').to(openid).by('kf2001@gh_x').send({ timeout: 5_000 });
 */
export class CustomerService<K extends AccountKind> {
  readonly #api: ApiClient;
  readonly #kind: K;

  /** @internal Built by Application (get it as `app.customerService`); the arguments are internal types. */
  constructor(api: ApiClient, settings: Settings<K>) {
    this.#api = api;
    this.#kind = settings.kind;
  }

  /** Starts a message; a plain string is shorthand for `new Text(string)`. */
  message(message: MessageFor<K>): MessageBuilder<K> {
    return new Draft<K>((openid, kfAccount, options) =>
      this.#sendMessage(message, openid, kfAccount, options),
    );
  }

  /**
   * Sends a body as given (typed by account kind), with the options of {@link SendOptions}.
   * @example await app.customerService.send({ touser, msgtype: 'text', text: { content: 'hi' } })
   */
  async send(body: SendBodyFor<K>, options?: SendOptions): Promise<SendResult> {
    if (typeof body !== 'object' || body === null) throw new ValidationError('body', 'must be an object');
    const checked = optionsArg('options', options);
    checkString('touser', body.touser);
    checkString('msgtype', body.msgtype);
    const other: AccountKind = this.#kind === 'miniprogram' ? 'official-account' : 'miniprogram';
    if (!canSend(this.#kind, body.msgtype) && canSend(other, body.msgtype)) {
      throw new ValidationError(
        'msgtype',
        `a ${this.#kind} cannot send ${body.msgtype} through the customer-service API`,
      );
    }
    return this.#post({ ...body }, checked);
  }

  async #sendMessage(
    message: MessageFor<K>,
    openid: string,
    kfAccount: string | undefined,
    options: SendOptions | undefined,
  ): Promise<SendResult> {
    const checked = optionsArg('options', options);
    const outgoing = toSendable(this.#kind, message);
    const payload = outgoing.toPayload();
    if (payload === undefined) {
      throw new ValidationError(
        'message',
        `${outgoing.type} is a passive reply only; it cannot be sent through the API`,
      );
    }
    const body: Record<string, unknown> = { touser: checkString('touser', openid), ...payload };
    if (kfAccount !== undefined) body.customservice = { kf_account: this.#checkAgent(kfAccount) };
    return this.#post(body, checked);
  }

  #checkAgent(kfAccount: string): string {
    if (this.#kind !== 'official-account') {
      throw new ValidationError(
        'customservice.kf_account',
        'only official accounts can send as an agent account',
      );
    }
    return checkString('customservice.kf_account', kfAccount);
  }

  /** One JSON.stringify, no retry once the request may have reached WeChat (DESIGN §1.5). */
  #post(body: Record<string, unknown>, options: SendOptions): Promise<SendResult> {
    if (options.aiGenerated) body.aimsgcontext = { is_ai_msg: 1 };
    const businessId = options.businessId;
    if (businessId !== undefined) body.businessid = checkString('businessid', businessId);
    return this.#api.json<SendResult>({
      method: 'POST',
      path: businessId === undefined ? SEND_PATH : BUSINESS_SEND_PATH,
      body: JSON.stringify(body),
      retry: 'unsent-only',
      signal: options.signal,
      timeout: options.timeout,
      maxRetries: options.maxRetries,
    });
  }
}

type Sender = (
  openid: string,
  kfAccount: string | undefined,
  options: SendOptions | undefined,
) => Promise<SendResult>;

/** `message(m)`: waits for its recipient. Small classes, not closures: this is the send hot path. */
class Draft<K extends AccountKind> implements MessageBuilder<K> {
  readonly #send: Sender;
  constructor(send: Sender) {
    this.#send = send;
  }
  to(openid: string): Recipient<K> {
    return new Addressed(this.#send, openid, undefined) as Recipient<K>;
  }
}

class Addressed implements Delivery, AgentChoice {
  readonly #send: Sender;
  readonly #openid: string;
  readonly #kfAccount: string | undefined;
  constructor(send: Sender, openid: string, kfAccount: string | undefined) {
    this.#send = send;
    this.#openid = openid;
    this.#kfAccount = kfAccount;
  }
  send(options?: SendOptions): Promise<SendResult> {
    return this.#send(this.#openid, this.#kfAccount, options);
  }
  by(kfAccount: string): Delivery {
    return new Addressed(this.#send, this.#openid, kfAccount);
  }
}
