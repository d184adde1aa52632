import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../../src/cli/command.js';
import { describeFailure, exitCodeFor, failureJson, UsageError } from '../../../src/cli/failure.js';
import {
  ApiError,
  ConfigError,
  IpWhitelistError,
  NetworkError,
  ReplyWindowError,
  ValidationError,
} from '../../../src/errors.js';

describe('exitCodeFor', () => {
  it('maps bad arguments to 2, configuration to 78 and refusals to 1', () => {
    expect(exitCodeFor(new UsageError('x'))).toBe(ExitCode.usage);
    expect(exitCodeFor(new ValidationError('text.content', 'too long'))).toBe(ExitCode.usage);
    expect(exitCodeFor(new ConfigError('appId', 'is required'))).toBe(ExitCode.config);
    expect(exitCodeFor(ApiError.from({ errcode: 45015, errmsg: 'out of time' }, '/x'))).toBe(
      ExitCode.failure,
    );
    expect(exitCodeFor(new NetworkError('/x', { cause: new Error('ECONNREFUSED') }))).toBe(ExitCode.failure);
    expect(exitCodeFor(new Error('anything else'))).toBe(ExitCode.failure);
  });
});

describe('describeFailure', () => {
  it('points a usage error at the command help', () => {
    expect(describeFailure(new UsageError('missing <openid>'), 'send')).toBe(
      "missing <openid>\nRun 'wechat-cs send --help' for usage.",
    );
  });

  it('names the flag or variable that fixes a configuration error', () => {
    const text = describeFailure(new ConfigError('secret', 'is required'), 'send');
    expect(text).toContain('configuration: secret: is required');
    expect(text).toContain('WECHAT_SECRET');
  });
});

describe('failureJson', () => {
  it('carries errcode, errmsg and rid of an API error', () => {
    const error = ApiError.from({ errcode: 45015, errmsg: 'response out of time limit rid: 1-2-3' }, '/send');
    expect(error).toBeInstanceOf(ReplyWindowError);
    expect(failureJson(error)).toMatchObject({
      name: 'ReplyWindowError',
      errcode: 45015,
      errmsg: 'response out of time limit rid: 1-2-3',
      rid: '1-2-3',
    });
  });

  it('carries the IP of a whitelist error and the option of a config error', () => {
    const ip = ApiError.from(
      { errcode: 40164, errmsg: 'invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist' },
      '/t',
    );
    expect(ip).toBeInstanceOf(IpWhitelistError);
    expect(failureJson(ip)).toMatchObject({ errcode: 40164, ip: '1.2.3.4' });
    expect(failureJson(new ConfigError('aesKey', 'bad'))).toMatchObject({
      name: 'ConfigError',
      option: 'aesKey',
    });
  });

  it('describes values that are not errors', () => {
    expect(failureJson('boom')).toEqual({ name: 'Error', message: 'boom' });
  });
});
