import { hash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SignatureError } from '../../../src/errors.js';
import {
  computeSignature,
  isValidSignature,
  matchSignature,
  verifySignature,
} from '../../../src/server/signature.js';
import { vector, vectors } from '../../fixtures/vectors.js';

describe('signatures (SPEC §1.2, §2.3)', () => {
  for (const v of vectors.filter((x) => x.signature)) {
    it(`3-part signature of vector ${v.id}`, () => {
      expect(computeSignature([v.token, v.timestamp, v.nonce])).toBe(v.signature);
      expect(
        isValidSignature({
          token: v.token,
          timestamp: v.timestamp,
          nonce: v.nonce,
          signature: v.signature ?? '',
        }),
      ).toBe(true);
    });
  }

  for (const v of vectors.filter((x) => x.msgSignature && x.encrypt)) {
    it(`4-part msg_signature of vector ${v.id}`, () => {
      const input = { token: v.token, timestamp: v.timestamp, nonce: v.nonce, encrypt: v.encrypt ?? '' };
      expect(computeSignature([input.token, input.timestamp, input.nonce, input.encrypt])).toBe(
        v.msgSignature,
      );
      expect(isValidSignature({ ...input, signature: v.msgSignature ?? '' })).toBe(true);
    });
  }

  it('signs the reply of vector O1', () => {
    const { token, encodingAesKey: _key, reply } = vector('O1');
    if (!reply) throw new Error('no reply');
    expect(computeSignature([token, reply.timestamp, reply.nonce, reply.encrypt])).toBe(reply.msgSignature);
  });

  const o3 = vector('O3');
  const base = { timestamp: o3.timestamp, nonce: o3.nonce, signature: o3.signature ?? '' };

  it('accepts upper-case hex', () => {
    expect(isValidSignature({ ...base, token: o3.token, signature: base.signature.toUpperCase() })).toBe(
      true,
    );
  });

  it('refuses a signature of the wrong shape before hashing', () => {
    for (const signature of [
      '',
      base.signature.slice(1),
      `${base.signature}0`,
      `${base.signature.slice(0, 39)}g`,
    ]) {
      expect(isValidSignature({ ...base, token: o3.token, signature })).toBe(false);
    }
  });

  it('refuses every other character, including those that fold onto digits (0x10–0x19)', () => {
    const good = base.signature;
    for (let code = 0; code < 0x80; code++) {
      const char = String.fromCharCode(code);
      if (/[0-9a-fA-F]/.test(char)) continue;
      // Put it where the signature has a digit, and where it has a letter.
      for (const at of [good.search(/[0-9]/), good.search(/[a-f]/)]) {
        const signature = good.slice(0, at) + char + good.slice(at + 1);
        expect(isValidSignature({ ...base, token: o3.token, signature }), `U+${code.toString(16)}`).toBe(
          false,
        );
      }
    }
    const folded = [...good]
      .map((c) => (/[0-9]/.test(c) ? String.fromCharCode(c.charCodeAt(0) - 0x20) : c))
      .join('');
    expect(isValidSignature({ ...base, token: o3.token, signature: folded })).toBe(false);
  });

  it('sorts like Array.prototype.sort for any parts (code-unit order)', () => {
    const part = fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), fc.constantFrom('a', 'A', '1', ''));
    fc.assert(
      fc.property(fc.array(part, { minLength: 3, maxLength: 4 }), (parts) => {
        expect(computeSignature(parts)).toBe(hash('sha1', [...parts].sort().join(''), 'hex'));
      }),
      { numRuns: 2000 },
    );
    expect(computeSignature(['b', 'a'])).toBe(hash('sha1', 'ab', 'hex'));
  });

  it('refuses another token, timestamp or nonce', () => {
    expect(isValidSignature({ ...base, token: 'AAAAB' })).toBe(false);
    expect(isValidSignature({ ...base, token: o3.token, timestamp: '1714036505' })).toBe(false);
    expect(isValidSignature({ ...base, token: o3.token, nonce: '1514711493' })).toBe(false);
  });

  it('finds the token among rotated ones (newest first)', () => {
    expect(matchSignature({ ...base, token: ['new-token', o3.token] })).toBe(o3.token);
    expect(matchSignature({ ...base, token: ['new-token', 'older'] })).toBeUndefined();
  });

  it('verifySignature throws SignatureError naming the signature', () => {
    expect(() => verifySignature({ ...base, token: 'x' })).toThrow(SignatureError);
    expect(() => verifySignature({ ...base, token: 'x', encrypt: 'e' })).toThrow(/msg_signature/);
    expect(() => verifySignature({ ...base, token: o3.token })).not.toThrow();
  });
});
