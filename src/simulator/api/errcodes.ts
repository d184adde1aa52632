/**
 * WeChat's errcodes and their errmsg words, as the fake API writes them (SPEC §4.4, §5, §6, §7).
 * Every error answer is HTTP 200 `{"errcode":N,"errmsg":"… rid: …"}` (SPEC §9.2).
 */
const ERRMSG: Readonly<Record<number, string>> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40004: 'invalid media type',
  40005: 'invalid file type',
  40007: 'invalid media_id',
  40008: 'invalid message type',
  40009: 'invalid media size',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40033: 'invalid charset. please check your request, if include \\uxxxx will create fail!',
  40125: 'invalid appsecret',
  40200: 'invalid account type',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41005: 'media data missing',
  42001: 'access_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  44002: 'empty post data',
  44003: 'empty news data',
  44004: 'empty content',
  45001: 'media size out of limit',
  45002: 'content size out of limit',
  45008: 'article size out of limit',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit mustslower retry next minute',
  45015: 'response out of time limit or subscription is canceled',
  45047: 'out of response count limit',
  45072: 'command field invalid',
  45080: 'no message exchange with the user in the last 30 seconds',
  45081: 'already typing',
  47001: 'data format error',
};

/** WeChat's usual errmsg for `errcode` (without the rid). */
export function errmsgFor(errcode: number): string {
  return ERRMSG[errcode] ?? 'system error';
}

/**
 * Thrown by route handlers to answer with an errcode; the server turns it into the JSON body.
 * `detail` is appended to the usual errmsg to help whoever reads the answer (still before the rid).
 */
export class ApiFailure extends Error {
  readonly errcode: number;
  readonly errmsg: string;
  constructor(errcode: number, detail?: string, errmsgOverride?: string) {
    const base = errmsgOverride ?? errmsgFor(errcode);
    const errmsg = detail === undefined ? base : `${base}: ${detail}`;
    super(errmsg);
    this.errcode = errcode;
    this.errmsg = errmsg;
  }
}
