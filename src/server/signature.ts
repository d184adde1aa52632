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
  return signSorted([...parts]);
}

/** Sorts `parts` in place (code-unit order, as SPEC §1.2 requires: the default sort) and hashes. */
function signSorted(parts: string[]): string {
  return hash('sha1', parts.sort().join(''), 'hex');
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
 * The token that produced `input.signature`, or `undefined`. Constant time in the signature
 * once its shape (40 hex digits) is checked (DESIGN §1.2).
 */
export function matchSignature(input: SignatureInput): string | undefined {
  const given = input.signature;
  if (typeof given !== 'string' || given.length !== 40 || !isHex(given)) return undefined;
  const lower = given.toLowerCase();
  const tokens = typeof input.token === 'string' ? [input.token] : input.token;
  for (const token of tokens) {
    const parts = [token, input.timestamp, input.nonce];
    if (input.encrypt !== undefined) parts.push(input.encrypt);
    if (constantTimeEqual(signSorted(parts), lower)) return token;
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

function isHex(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20; // folds A–F onto a–f (digits already have the bit)
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/** Compares two equal-length ASCII strings without an early exit. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
