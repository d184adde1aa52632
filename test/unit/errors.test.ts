import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import * as errors from '../../src/errors.js';

const {
  AccessTokenError,
  ApiError,
  InvalidMediaError,
  InvalidOpenIdError,
  IpWhitelistError,
  isWeChatError,
  RateLimitError,
  ReplyQuotaError,
  ReplyWindowError,
  TypingError,
  WeChatError,
} = errors;

describe('ApiError.from', () => {
  it.each([
    [40001, AccessTokenError],
    [40014, AccessTokenError],
    [42001, AccessTokenError],
    [40003, InvalidOpenIdError],
    [45015, ReplyWindowError],
    [45047, ReplyQuotaError],
    [45009, RateLimitError],
    [45011, RateLimitError],
    [45080, TypingError],
    [45072, TypingError],
    [40004, InvalidMediaError],
    [40005, InvalidMediaError],
    [40007, InvalidMediaError],
    [40009, InvalidMediaError],
    [41005, InvalidMediaError],
    [45001, InvalidMediaError],
    [40164, IpWhitelistError],
    [-1, ApiError],
    [47001, ApiError],
  ])('maps %i to %s', (errcode, Class) => {
    const error = ApiError.from({ errcode, errmsg: 'x' }, '/cgi-bin/message/custom/send');
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toBeInstanceOf(WeChatError);
    expect(error.errcode).toBe(errcode);
    expect(error.name).toBe(Class.errorName);
  });

  it('parses the rid and keeps errmsg intact', () => {
    const errmsg = 'out of response count limit rid: 66f3bd4d-25a283a9-73c6a452';
    const error = ApiError.from({ errcode: 45047, errmsg }, '/cgi-bin/message/custom/send');
    expect(error.rid).toBe('66f3bd4d-25a283a9-73c6a452');
    expect(error.errmsg).toBe(errmsg);
    expect(error.message).toContain('45047');
    expect(error.message).toContain('wait for the user to write again');
  });

  it('names the IP and the fix for 40164', () => {
    const errmsg =
      'invalid ip 117.39.59.7 ipv6 ::ffff:117.39.59.7, not in whitelist rid: 691d5b03-245c4618-0056bcfe';
    const error = ApiError.from({ errcode: 40164, errmsg }, '/cgi-bin/stable_token') as InstanceType<
      typeof IpWhitelistError
    >;
    expect(error.ip).toBe('117.39.59.7');
    expect(error.message).toContain('add 117.39.59.7 to the IP whitelist');
  });

  it('tells the rate-limit scope', () => {
    const day = ApiError.from({ errcode: 45009 }, '/p') as InstanceType<typeof RateLimitError>;
    const minute = ApiError.from({ errcode: 45011 }, '/p') as InstanceType<typeof RateLimitError>;
    expect([day.scope, minute.scope]).toEqual(['day', 'minute']);
  });
});

describe('brand', () => {
  it('recognises errors from another copy of the package', () => {
    // A second copy (as when one import goes through require and one through import) has its own
    // classes; simulate it with an object carrying the brand the way such an error would.
    const foreign = Object.create(Error.prototype) as object;
    Object.defineProperty(foreign, Symbol.for('wechat-customer-service.error'), {
      value: ['ReplyWindowError', 'ApiError', 'WeChatError'],
    });
    expect(isWeChatError(foreign)).toBe(true);
    expect(foreign instanceof ReplyWindowError).toBe(true);
    expect(foreign instanceof ApiError).toBe(true);
    expect(foreign instanceof TypingError).toBe(false);
    expect(isWeChatError(new Error('x'))).toBe(false);
    expect(isWeChatError(null)).toBe(false);
  });

  it('keeps the brand out of inspect and JSON output', () => {
    const error = new errors.SignatureError('bad signature');
    expect(JSON.stringify(error)).toBe('{"name":"SignatureError"}');
    expect(inspect(error)).toContain('SignatureError: bad signature');
  });

  it('carries causes for network failures', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    const error = new errors.NetworkError('/cgi-bin/token', { cause });
    expect(error.cause).toBe(cause);
    expect(error.message).toContain('ECONNREFUSED');
  });
});
