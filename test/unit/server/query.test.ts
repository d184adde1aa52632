import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePushQuery } from '../../../src/server/query.js';

describe('parsePushQuery', () => {
  it('reads the push parameters of a path with a query', () => {
    expect(
      parsePushQuery('/wechat?signature=s&timestamp=1&nonce=n&openid=o&encrypt_type=aes&msg_signature=m'),
    ).toEqual({
      signature: 's',
      timestamp: '1',
      nonce: 'n',
      echostr: undefined,
      encrypt_type: 'aes',
      msg_signature: 'm',
    });
  });

  it('reads absolute URLs and ignores the fragment', () => {
    expect(parsePushQuery('https://example.com/w?nonce=1#signature=x')).toMatchObject({
      nonce: '1',
      signature: undefined,
    });
  });

  it('keeps the first of repeated parameters', () => {
    expect(parsePushQuery('/?nonce=1&nonce=2')?.nonce).toBe('1');
  });

  it('decodes percent-encoding and + as in forms; refuses bad encoding', () => {
    expect(parsePushQuery('/?echostr=a%2Bb+c')?.echostr).toBe('a+b c');
    expect(parsePushQuery('/?echostr=%E4%BD%A0')?.echostr).toBe('你');
    expect(parsePushQuery('/?echostr=%E4%BD')).toBeUndefined();
    expect(parsePushQuery('/?other=%zz&nonce=1')?.nonce).toBe('1');
  });

  it('handles a missing query, empty values and names without values', () => {
    expect(parsePushQuery('/wechat')).toMatchObject({ signature: undefined });
    expect(parsePushQuery('/?signature=&nonce')).toMatchObject({ signature: '', nonce: '' });
  });

  it('agrees with URLSearchParams (first value) on any well-formed query', () => {
    const key = fc.constantFrom(
      'signature',
      'timestamp',
      'nonce',
      'echostr',
      'encrypt_type',
      'msg_signature',
      'openid',
      'x',
    );
    const pair = fc.tuple(key, fc.string({ unit: 'grapheme', maxLength: 10 }));
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 8 }), (pairs) => {
        const query = new URLSearchParams(pairs).toString();
        const expected = new URLSearchParams(query);
        const parsed = parsePushQuery(`/p?${query}`);
        for (const name of [
          'signature',
          'timestamp',
          'nonce',
          'echostr',
          'encrypt_type',
          'msg_signature',
        ] as const) {
          expect(parsed?.[name]).toBe(expected.get(name) ?? undefined);
        }
      }),
    );
  });
});

describe('parsePushQuery on hostile queries', () => {
  // A quadratic scan of this query takes minutes (the test times out); a linear one, milliseconds.
  it('stays linear on many names without values', () => {
    expect(parsePushQuery(`/?${'a&'.repeat(200_000)}nonce=1`)?.nonce).toBe('1');
  });
});
