import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../../src/http/redact.js';

describe('redactUrl', () => {
  it('removes access_token and secret values wherever they appear', () => {
    expect(redactUrl('https://api.weixin.qq.com/cgi-bin/media/get?access_token=TOK123&media_id=M')).toBe(
      'https://api.weixin.qq.com/cgi-bin/media/get?access_token=***&media_id=M',
    );
    expect(redactUrl('/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=S3CR3T')).toBe(
      '/cgi-bin/token?grant_type=client_credential&appid=wx1&secret=***',
    );
    expect(redactUrl('access_token=abc&x=1')).toBe('access_token=***&x=1');
    expect(redactUrl('/p?ACCESS_TOKEN=abc#frag')).toBe('/p?ACCESS_TOKEN=***#frag');
  });

  it('leaves parameters that merely end in the same letters alone', () => {
    expect(redactUrl('/p?my_secret_note=keep&not_access_token=keep')).toBe(
      '/p?my_secret_note=keep&not_access_token=keep',
    );
  });
});
