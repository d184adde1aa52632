import { describe, expect, it } from 'vitest';
import { describeSecret, REDACTED, redactSecrets } from '../../../src/cli/redact.js';

describe('redactSecrets', () => {
  it('replaces every occurrence of every secret', () => {
    const text = 'secret s3cr3t-value and again s3cr3t-value, token tok-123';
    const redacted = redactSecrets(text, ['s3cr3t-value', 'tok-123']);
    expect(redacted).toBe(`secret ${REDACTED} and again ${REDACTED}, token ${REDACTED}`);
  });

  it('replaces a longer secret whole even when it contains a shorter one', () => {
    expect(redactSecrets('x abcdefgh y', ['abcd', 'abcdefgh'])).toBe(`x ${REDACTED} y`);
  });

  it('leaves values shorter than four characters alone (they would blank out words)', () => {
    expect(redactSecrets('a cat', ['a'])).toBe('a cat');
  });

  it('redacts access_token and secret query parameters whatever their value', () => {
    const url = 'https://api.weixin.qq.com/cgi-bin/token?appid=wx1&secret=zzz&access_token=abc#x';
    expect(redactSecrets(url, [])).toBe(
      `https://api.weixin.qq.com/cgi-bin/token?appid=wx1&secret=${REDACTED}&access_token=${REDACTED}#x`,
    );
  });
});

describe('describeSecret', () => {
  it('tells whether a value is set and its length, never the value', () => {
    expect(describeSecret(undefined)).toBe('not set');
    expect(describeSecret('abcdef')).toBe('set (6 characters)');
  });
});
