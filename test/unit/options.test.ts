import { describe, expect, it } from 'vitest';
import { Application } from '../../src/application.js';
import { MemoryCache } from '../../src/auth/cache.js';
import { ConfigError } from '../../src/errors.js';
import { resolveOptions } from '../../src/options.js';

const aesKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

describe('resolveOptions', () => {
  it('applies the documented defaults', () => {
    const { settings, credentials } = resolveOptions({
      appId: 'wxb11529c136998cb6',
      secret: 's3cret',
      token: 'pamtest',
      aesKey,
    });
    expect(settings).toMatchObject({
      appId: 'wxb11529c136998cb6',
      kind: 'miniprogram',
      receiveId: 'wxb11529c136998cb6',
      baseUrl: 'https://api.weixin.qq.com',
      stableToken: true,
      http: { timeout: 10_000, maxRetries: 2 },
      server: {
        deadline: 4_500,
        waitForHandlers: false,
        dedupe: true,
        requireEncryption: true,
        maxBodyBytes: 65_536,
        maxClockSkew: 300_000,
      },
      mediaMaxBytes: { image: 2 * 1024 * 1024, thumb: 64 * 1024 },
    });
    expect(settings.tokenCache).not.toBe(settings.dedupeCache);
    expect(credentials).toMatchObject({ secret: 's3cret', tokens: ['pamtest'], aesKeys: [aesKey] });
    expect(JSON.stringify(settings)).not.toContain('s3cret');
    expect(JSON.stringify(settings)).not.toContain(aesKey);
  });

  it('shares one user cache for tokens and de-duplication', () => {
    const cache = new MemoryCache();
    const { settings } = resolveOptions({ appId: 'wx1234567890', cache });
    expect(settings.tokenCache).toBe(cache);
    expect(settings.dedupeCache).toBe(cache);
  });

  it('does not require encryption without an aesKey, and strips a trailing slash of baseUrl', () => {
    const { settings } = resolveOptions({ appId: 'wx1234567890', baseUrl: 'http://127.0.0.1:8080/' });
    expect(settings.server.requireEncryption).toBe(false);
    expect(settings.baseUrl).toBe('http://127.0.0.1:8080');
  });

  it.each([
    ['a missing appId', {}, 'appId', /is required/],
    ['an original id given as appId', { appId: 'gh_97417a04a28d' }, 'appId', /not the original id gh_/],
    ["another platform's app id", { appId: 'tt1234567890' }, 'appId', /WeChat AppID .*lowercase wx/],
    ['an upper-case WX appId', { appId: 'WX1234567890' }, 'appId', /lowercase wx/],
    [
      'a 42-char aesKey',
      { appId: 'wx1234567890', aesKey: aesKey.slice(1) },
      'aesKey',
      /43-character EncodingAESKey .* but has 42 characters/,
    ],
    ...['-', '_', '!'].map((char): [string, object, string, RegExp] => [
      `a 43-char aesKey with ${char}`,
      { appId: 'wx1234567890', aesKey: `${aesKey.slice(0, 20)}${char}${aesKey.slice(21)}` },
      'aesKey',
      /43-character EncodingAESKey .* outside A–Z, a–z, 0–9, \+ and \//,
    ]),
    [
      'a bad rotated aesKey',
      { appId: 'wx1234567890', aesKey: [aesKey, 'short'] },
      'aesKey[1]',
      /43-character/,
    ],
    [
      'the secret passed as token',
      { appId: 'wx1234567890', secret: 'abc123', token: 'abc123' },
      'token',
      /not the AppSecret/,
    ],
    ['a token with spaces', { appId: 'wx1234567890', token: 'a b' }, 'token', /without spaces/],
    [
      'a secret with spaces',
      { appId: 'wx1234567890', secret: ' s ' },
      'secret',
      /without surrounding spaces/,
    ],
    [
      'an unknown kind',
      { appId: 'wx1234567890', kind: 'wecom' },
      'kind',
      /'miniprogram' or 'official-account'/,
    ],
    ['a relative baseUrl', { appId: 'wx1234567890', baseUrl: '/api' }, 'baseUrl', /absolute http\(s\) URL/],
    [
      'a negative timeout',
      { appId: 'wx1234567890', http: { timeout: -1 } },
      'http.timeout',
      /positive number/,
    ],
    [
      'fractional retries',
      { appId: 'wx1234567890', http: { maxRetries: 1.5 } },
      'http.maxRetries',
      /non-negative integer/,
    ],
    [
      'requireEncryption without a key',
      { appId: 'wx1234567890', server: { requireEncryption: true } },
      'server.requireEncryption',
      /needs an aesKey/,
    ],
    [
      'an unknown media type',
      { appId: 'wx1234567890', media: { maxBytes: { file: 1 } } },
      'media.maxBytes.file',
      /unknown media type/,
    ],
    // Plain-JS callers: a wrong type fails here, not as a TypeError on the first call.
    [
      'a fixed token string as accessToken',
      { appId: 'wx1234567890', accessToken: 'STATIC_TOKEN' },
      'accessToken',
      /must be a function \(\{ forceRefresh \}\) => Promise<\{ token, expiresIn \}>.*app\.accessToken\.setToken\(token, ttlMs\)/,
    ],
    [
      'a Map as cache',
      { appId: 'wx1234567890', cache: new Map() },
      'cache',
      /Cache interface .*missing add, compareAndDelete/,
    ],
    ['a string as cache', { appId: 'wx1234567890', cache: 'redis://x' }, 'cache', /RedisCache/],
    ['a number as clock', { appId: 'wx1234567890', clock: 1_700_000_000_000 }, 'clock', /like Date.now/],
    [
      "'false' as stableToken",
      { appId: 'wx1234567890', stableToken: 'false' },
      'stableToken',
      /true or false/,
    ],
    [
      'a logger without debug/info',
      { appId: 'wx1234567890', logger: { warn() {}, error() {} } },
      'logger',
      /missing debug, info/,
    ],
    ['a function as logger', { appId: 'wx1234567890', logger: console.log }, 'logger', /warn/],
    [
      'a number as http',
      { appId: 'wx1234567890', http: 5_000 },
      'http',
      /an object of options, got a number/,
    ],
    [
      'a URL as http.dispatcher',
      { appId: 'wx1234567890', http: { dispatcher: 'http://proxy:8080' } },
      'http.dispatcher',
      /undici Dispatcher/,
    ],
    ['an array as server', { appId: 'wx1234567890', server: [] }, 'server', /got an array/],
    [
      "'yes' as server.dedupe",
      { appId: 'wx1234567890', server: { dedupe: 'yes' } },
      'server.dedupe',
      /true or false/,
    ],
    [
      "'true' as server.waitForHandlers",
      { appId: 'wx1234567890', server: { waitForHandlers: 'true' } },
      'server.waitForHandlers',
      /true or false/,
    ],
    [
      '1 as server.requireEncryption',
      { appId: 'wx1234567890', aesKey, server: { requireEncryption: 1 } },
      'server.requireEncryption',
      /true or false/,
    ],
    ['a string as media', { appId: 'wx1234567890', media: 'big' }, 'media', /an object of options/],
    [
      'a number as media.maxBytes',
      { appId: 'wx1234567890', media: { maxBytes: 1024 } },
      'media.maxBytes',
      /an object of options/,
    ],
  ])('refuses %s with a ConfigError naming the option', (_name, options, option, message) => {
    const resolve = () => resolveOptions(options as never);
    expect(resolve).toThrow(ConfigError);
    expect(resolve).toThrow(message);
    try {
      resolve();
    } catch (error) {
      expect((error as ConfigError).option).toBe(option);
    }
  });

  it('treats null like an absent option, as the defaults always did', () => {
    const { settings } = resolveOptions({
      appId: 'wx1234567890',
      cache: null,
      clock: null,
      logger: null,
      stableToken: null,
      http: null,
      server: null,
      media: null,
      accessToken: null,
    } as never);
    expect(settings.stableToken).toBe(true);
    expect(settings.http.timeout).toBe(10_000);
  });

  it('fails at new Application(), not on the first call, for a fixed accessToken string', () => {
    expect(() => new Application({ appId: 'wx1234567890', accessToken: 'STATIC_TOKEN' } as never)).toThrow(
      ConfigError,
    );
  });

  it('never echoes a bad aesKey or secret in the error', () => {
    const secretLike = 'Zx9'.repeat(14);
    try {
      resolveOptions({ appId: 'wx1234567890', aesKey: secretLike });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain(secretLike);
    }
  });
});
