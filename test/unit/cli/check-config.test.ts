import { describe, expect, it } from 'vitest';
import { checkConfig } from '../../../src/cli/check/config-checks.js';
import { formatChecklist } from '../../../src/cli/check/result.js';
import type { CliConfig } from '../../../src/cli/config.js';

const good: CliConfig = {
  appId: 'wx1234567890abcdef',
  secret: 'app-secret-123',
  token: 'push-token',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  baseUrl: undefined,
  kind: undefined,
  timeout: undefined,
};

const byName = (
  config: CliConfig,
  mode: 'plain' | 'compatible' | 'safe' = 'safe',
  pushes = true,
  callsApi = true,
) =>
  Object.fromEntries(checkConfig(config, mode, { receivesPushes: pushes, callsApi }).map((r) => [r.name, r]));

const ALL = { receivesPushes: true, callsApi: true };

describe('checkConfig', () => {
  it('passes a complete safe-mode configuration', () => {
    const results = checkConfig(good, 'safe', ALL);
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
  });

  it('reports a malformed appId with the SDK’s message and still checks the rest', () => {
    const results = byName({ ...good, appId: 'gh_0123456789ab', aesKey: 'short' });
    expect(results.appId).toMatchObject({ status: 'fail' });
    expect(results.appId?.detail).toContain('not the original id gh_');
    expect(results.encryption).toMatchObject({ status: 'fail' });
    expect(results.encryption?.detail).toContain('43-character EncodingAESKey');
    expect(results.secret).toMatchObject({ status: 'pass' });
  });

  it('fails safe mode without an aesKey, naming the fix', () => {
    const result = byName({ ...good, aesKey: undefined }, 'safe').encryption;
    expect(result).toMatchObject({
      status: 'fail',
      detail: 'safe mode needs an aesKey (EncodingAESKey), and none is set',
    });
    expect(result?.fix).toContain('WECHAT_AES_KEY');
  });

  it('warns about plaintext mode, and about an aesKey the plaintext mode would not use', () => {
    expect(byName({ ...good, aesKey: undefined }, 'plain').encryption?.status).toBe('warn');
    expect(byName(good, 'plain').encryption?.detail).toContain('refuse plaintext pushes');
  });

  it('needs the push token only when a webhook is checked', () => {
    expect(byName({ ...good, token: undefined }, 'safe', true)['push token']?.status).toBe('fail');
    expect(byName({ ...good, token: undefined }, 'safe', false)['push token']?.status).toBe('warn');
  });

  it('refuses a token equal to the secret (a classic mix-up)', () => {
    const result = byName({ ...good, token: good.secret })['push token'];
    expect(result?.status).toBe('fail');
    expect(result?.detail).toContain('equals the secret');
  });

  it('only warns about a missing secret when the API is not called (--skip-api)', () => {
    const result = byName({ ...good, secret: undefined }, 'safe', true, false).secret;
    expect(result).toMatchObject({
      status: 'warn',
      detail: 'not set: needed only to call the API (send, typing, media)',
    });
    expect(result?.fix).toContain('WECHAT_SECRET');
    expect(byName({ ...good, secret: ' padded ' }, 'safe', true, false).secret?.status).toBe('fail');
  });

  it('reports a missing secret, a bad kind and a bad base URL', () => {
    const results = byName({ ...good, secret: undefined, kind: 'weapp', baseUrl: 'ftp://x' });
    expect(results.secret?.status).toBe('fail');
    expect(results['account kind']?.status).toBe('fail');
    expect(results['API host']?.status).toBe('fail');
  });

  it('never shows a credential', () => {
    const text = formatChecklist(checkConfig(good, 'safe', ALL)).join('\n');
    for (const secret of [good.secret, good.token, good.aesKey]) expect(text).not.toContain(secret);
  });
});

describe('formatChecklist', () => {
  it('prints ✓, ✗ with the fix, and a summary', () => {
    const lines = formatChecklist([
      { name: 'a', status: 'pass', detail: 'fine' },
      { name: 'bbb', status: 'fail', detail: 'broken', fix: 'mend it' },
      { name: 'c', status: 'warn', detail: 'meh', fix: 'consider' },
      { name: 'd', status: 'skip', detail: 'not checked' },
    ]);
    expect(lines).toEqual([
      '  ✓ a    fine',
      '  ✗ bbb  broken',
      '         fix: mend it',
      '  ! c    meh',
      '         fix: consider',
      '  - d    not checked',
      '',
      '1 problem found.',
    ]);
  });
});
