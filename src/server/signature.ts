import { hash } from 'node:crypto';
import { SignatureError } from '../errors.js';

/**
 * WeChat's push signatures (SPEC §1.2, §2.3): SHA-1 over the plain lexicographic sort of the
 * parts, concatenated, as lowercase hex. Three parts (token, timestamp, nonce) for `signature`;
 * four (plus the body's `Encrypt`) for `msg_signature`.
 *
 * @example
 * computeSignature(['AAAAA', '1714036504', '1514711492']); // 'f464b24f…'
 */
export function computeSignature(parts: readonly string[]): string {
  const [a = '', b = '', c = '', d = ''] = parts;
  if (parts.length === 3) return signParts(a, b, c, undefined);
  if (parts.length === 4) return signParts(a, b, c, d);
  return hash('sha1', [...parts].sort().join(''), 'hex');
}

/**
 * The signature of three parts, or four when `d` is given. A tiny insertion sort joined with
 * `+` costs a fifth of `[…].sort().join('')` on the hot path (DESIGN §1.7); `<` on strings
 * compares code units, the order of the default sort that SPEC §1.2 asks for.
 */
export function signParts(a: string, b: string, c: string, d: string | undefined): string {
  let x = a;
  let y = b;
  let z = c;
  let t: string;
  if (y < x) {
    t = x;
    x = y;
    y = t;
  }
  if (z < y) {
    t = y;
    y = z;
    z = t;
    if (y < x) {
      t = x;
      x = y;
      y = t;
    }
  }
  if (d === undefined) return hash('sha1', x + y + z, 'hex');
  if (d < x) return hash('sha1', d + x + y + z, 'hex');
  if (d < y) return hash('sha1', x + d + y + z, 'hex');
  if (d < z) return hash('sha1', x + y + d + z, 'hex');
  return hash('sha1', x + y + z + d, 'hex');
}

/** What {@link isValidSignature} and {@link verifySignature} check. */
export interface SignatureInput {
  /** The Token of 消息推送配置 (or several, newest first, while rotating). */
  token: string | readonly string[];
  timestamp: string;
  nonce: string;
  /** The body's `Encrypt` value: given → the 4-part `msg_signature`; absent → the 3-part `signature`. */
  encrypt?: string;
  /** The signature from the URL (`signature` or `msg_signature`). */
  signature: string;
}

/**
 * The token that produced `input.signature`, or `undefined`. Constant time in the signature:
 * its shape (40 hex digits, either case) is checked in the same pass as its value (DESIGN §1.2).
 */
export function matchSignature(input: SignatureInput): string | undefined {
  const { token, timestamp, nonce, encrypt, signature } = input;
  if (typeof signature !== 'string' || signature.length !== 40) return undefined;
  if (typeof token === 'string') {
    return sameHex(signature, signParts(token, timestamp, nonce, encrypt)) ? token : undefined;
  }
  for (const candidate of token) {
    if (sameHex(signature, signParts(candidate, timestamp, nonce, encrypt))) return candidate;
  }
  return undefined;
}

/**
 * `true` if `signature` is the signature of the other parts under one of the tokens.
 *
 * @example
 * isValidSignature({ token, timestamp, nonce, signature: query.signature });
 * isValidSignature({ token, timestamp, nonce, encrypt: body.Encrypt, signature: query.msg_signature });
 */
export function isValidSignature(input: SignatureInput): boolean {
  return matchSignature(input) !== undefined;
}

/** Like {@link isValidSignature}, but throws {@link SignatureError} on a mismatch. */
export function verifySignature(input: SignatureInput): void {
  if (!isValidSignature(input)) {
    const name = input.encrypt === undefined ? 'signature' : 'msg_signature';
    throw new SignatureError(`${name} does not match: check the Token of 消息推送配置`);
  }
}

/**
 * Whether `given` (40 characters) spells `expected` (40 lowercase hex digits) in either case,
 * without an early exit. `c | 0x20` folds A–F onto a–f, and also 0x10–0x19 onto the digits:
 * the `(c - 0x30) >>> 31` term (1 for anything below `'0'`) refuses those in the same pass, so
 * exactly [0-9a-fA-F] can match and no other spelling dodges the replay cache.
 */
function sameHex(given: string, expected: string): boolean {
  let diff = 0;
  for (let i = 0; i < 40; i++) {
    const c = given.charCodeAt(i);
    diff |= ((c | 0x20) ^ expected.charCodeAt(i)) | ((c - 0x30) >>> 31);
  }
  return diff === 0;
}
