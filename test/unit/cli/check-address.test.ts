import { describe, expect, it } from 'vitest';
import { checkAddress } from '../../../src/cli/check/webhook.js';

describe('checkAddress', () => {
  it('accepts a public https URL on the default port', () => {
    expect(checkAddress(new URL('https://bot.example.com/wechat'))).toMatchObject({ status: 'pass' });
  });

  it('warns about a public URL on a port WeChat does not call', () => {
    const result = checkAddress(new URL('https://bot.example.com:8443/wechat'));
    expect(result).toMatchObject({ status: 'warn', fix: 'serve the webhook on 443 or 80' });
  });

  it('accepts a loopback URL on any port, saying WeChat needs a public one', () => {
    for (const url of ['http://127.0.0.1:3000/wechat', 'http://localhost:3000/', 'http://[::1]:3000/']) {
      const result = checkAddress(new URL(url));
      expect(result.status).toBe('pass');
      expect(result.detail).toContain('WeChat needs a public URL');
    }
  });
});
