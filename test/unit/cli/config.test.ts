import { describe, expect, it } from 'vitest';
import { parse } from '../../../src/cli/args.js';
import { apiApplication, CONFIG_OPTIONS, readConfig } from '../../../src/cli/config.js';
import { Output } from '../../../src/cli/output.js';
import { ConfigError } from '../../../src/errors.js';
import { memoryIo } from './memory-io.js';

const ENV = {
  WECHAT_APP_ID: 'wx1111111111111111',
  WECHAT_SECRET: 'env-secret-value',
  WECHAT_TOKEN: 'env-token',
  WECHAT_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  WECHAT_BASE_URL: 'http://127.0.0.1:9',
  WECHAT_KIND: 'official-account',
};

const config = (args: string[], env: Record<string, string | undefined>) =>
  readConfig(parse(args, CONFIG_OPTIONS).values, env);

describe('readConfig', () => {
  it('reads every WECHAT_* variable', () => {
    expect(config([], ENV)).toEqual({
      appId: ENV.WECHAT_APP_ID,
      secret: ENV.WECHAT_SECRET,
      token: ENV.WECHAT_TOKEN,
      aesKey: ENV.WECHAT_AES_KEY,
      baseUrl: ENV.WECHAT_BASE_URL,
      kind: ENV.WECHAT_KIND,
      timeout: undefined,
    });
  });

  it('lets a flag win over its variable', () => {
    const flags = ['--app-id', 'wx2222222222222222', '--secret', 'flag-secret', '--kind', 'miniprogram'];
    expect(config([...flags, '--timeout', '1500'], ENV)).toMatchObject({
      appId: 'wx2222222222222222',
      secret: 'flag-secret',
      kind: 'miniprogram',
      timeout: 1500,
      token: ENV.WECHAT_TOKEN,
    });
  });

  it('treats an empty variable as unset', () => {
    expect(config([], { WECHAT_APP_ID: '', WECHAT_SECRET: '' })).toMatchObject({
      appId: undefined,
      secret: undefined,
    });
  });
});

describe('apiApplication', () => {
  const out = new Output(memoryIo().io, false);

  it('needs an appId and a secret, naming the command', () => {
    const missingAppId = () => apiApplication('send', config([], {}), out);
    expect(missingAppId).toThrow(ConfigError);
    expect(missingAppId).toThrow(/appId: is required for `send`/);
    const missingSecret = () => apiApplication('send', config([], { WECHAT_APP_ID: ENV.WECHAT_APP_ID }), out);
    expect(missingSecret).toThrow(/secret: is required for `send`/);
  });

  it('passes only what API calls need: a malformed aesKey does not block a send', () => {
    const app = apiApplication('send', config([], { ...ENV, WECHAT_AES_KEY: 'too-short' }), out);
    expect(app.appId).toBe(ENV.WECHAT_APP_ID);
    expect(app.kind).toBe('official-account');
  });

  it('refuses a malformed appId with the SDK’s ConfigError', () => {
    expect(() => apiApplication('send', config([], { ...ENV, WECHAT_APP_ID: 'gh_123' }), out)).toThrow(
      ConfigError,
    );
  });
});
