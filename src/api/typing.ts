import { ApiError, ValidationError } from '../errors.js';
import type { RequestOptions } from '../http/client.js';
import { checkString } from '../messages/validate.js';
import type { Settings } from '../options.js';
import { optionsArg } from '../options-arg.js';
import type { ApiClient } from './api-client.js';

/** `Typing` shows "正在输入" to the user for up to 15 s; `CancelTyping` removes it (SPEC §5). */
export type TypingCommand = 'Typing' | 'CancelTyping';

export interface TypingOptions extends RequestOptions {
  /** 客服子商户 id (`businessid`). */
  businessId?: string | undefined;
}

/** WeChat's answer: errcode 0, or 45081 when the user already sees "typing" (not an error). */
export interface TypingResult {
  errcode: number;
  errmsg: string;
}

/** 45081: already typing. The user sees what the caller wanted, so this is a success. */
const ALREADY_TYPING = 45081;

/**
 * The typing indicator (客服输入状态, SPEC §5). It needs a message exchange with the user in the
 * last 30 s (45080 → `TypingError`).
 *
 * @example
 * await app.typing.set(openid);                  // 'Typing'
 * await app.typing.set(openid, 'CancelTyping');
 */
export class Typing {
  readonly #api: ApiClient;
  readonly #path: string;

  /** @internal Built by Application (get it as `app.typing`); the arguments are internal types. */
  constructor(api: ApiClient, settings: Settings) {
    this.#api = api;
    // Mini programs: the current `business/typing`; official accounts: `custom/typing` (SPEC §5).
    this.#path =
      settings.kind === 'miniprogram'
        ? '/cgi-bin/message/custom/business/typing'
        : '/cgi-bin/message/custom/typing';
  }

  /** Shows or cancels the typing indicator for `openid`. */
  async set(
    openid: string,
    command: TypingCommand = 'Typing',
    options?: TypingOptions,
  ): Promise<TypingResult> {
    if (command !== 'Typing' && command !== 'CancelTyping') {
      throw new ValidationError(
        'command',
        `must be 'Typing' or 'CancelTyping', got ${JSON.stringify(command)}`,
      );
    }
    const { businessId, ...request } = optionsArg('options', options);
    const body: Record<string, string> = { touser: checkString('touser', openid), command };
    if (businessId !== undefined) body.businessid = checkString('businessid', businessId);
    try {
      // Setting the indicator twice does no harm, so it is retried like a GET.
      return await this.#api.json<TypingResult>({
        ...request,
        method: 'POST',
        path: this.#path,
        body: JSON.stringify(body),
        retry: 'idempotent',
      });
    } catch (error) {
      if (error instanceof ApiError && error.errcode === ALREADY_TYPING) {
        return { errcode: error.errcode, errmsg: error.errmsg };
      }
      throw error;
    }
  }
}
