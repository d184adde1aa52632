import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord, recordFor } from '../../../src/auth/token-record.js';

describe('token records', () => {
  it('refresh 300 s early for long-lived tokens and at half-life for short ones', () => {
    expect(recordFor('t', 7_200_000, 1_000)).toEqual({
      token: 't',
      expiresAt: 7_201_000,
      refreshAt: 6_901_000,
    });
    expect(recordFor('t', 400_000, 0)).toEqual({ token: 't', expiresAt: 400_000, refreshAt: 200_000 });
  });

  it('round-trip through the Cache format and read anything malformed as a miss', () => {
    const record = recordFor('t', 1_000, 5);
    expect(decodeRecord(encodeRecord(record))).toEqual(record);
    for (const raw of [
      undefined,
      '',
      'not json',
      'null',
      '{"token":""}',
      '{"token":"t","expiresAt":"1","refreshAt":1}',
    ]) {
      expect(decodeRecord(raw)).toBeUndefined();
    }
  });
});
