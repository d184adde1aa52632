import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto';
import { ConfigError, DecryptError } from '../errors.js';
import { randomBytesFromPool } from './random-pool.js';

/** PKCS#7 over 32-byte blocks, the key length, not AES's 16 (SPEC §2.1). */
const BLOCK = 32;
const RANDOM_BYTES = 16;
const HEADER = RANDOM_BYTES + 4;

/**
 * WXBizMsgCrypt for one EncodingAESKey (SPEC §2): AES-256-CBC, IV = first 16 key bytes, 32-byte
 * PKCS#7, layout `random(16) ‖ msg_len(4, BE) ‖ msg ‖ receiveId`. The key is decoded once and
 * kept in a `#private` field, so it never shows in `util.inspect` or `JSON.stringify`.
 */
export class MessageCipher {
  readonly #key: KeyObject;
  readonly #iv: Buffer;
  readonly #receiveId: string;
  readonly #receiveIdBytes: Buffer;

  /** @param aesKey the 43-character EncodingAESKey; @param receiveId the appId (SPEC §2.2). */
  constructor(aesKey: string, receiveId: string) {
    const raw = /^[A-Za-z0-9+/]{43}$/.test(aesKey) ? Buffer.from(`${aesKey}=`, 'base64') : undefined;
    if (raw?.length !== 32) {
      throw new ConfigError('aesKey', 'must be the 43-character EncodingAESKey of 消息推送配置');
    }
    this.#key = createSecretKey(raw);
    this.#iv = raw.subarray(0, 16);
    this.#receiveId = receiveId;
    this.#receiveIdBytes = Buffer.from(receiveId, 'utf8');
  }

  /** Encrypts `message` into an `Encrypt` value (base64). `random` (16 bytes) is for tests only. */
  encrypt(message: string, random?: Uint8Array): string {
    const messageBytes = Buffer.byteLength(message, 'utf8');
    const length = HEADER + messageBytes + this.#receiveIdBytes.length;
    const pad = BLOCK - (length % BLOCK);
    const plain = Buffer.allocUnsafe(length + pad);
    const prefix = random ?? randomBytesFromPool(RANDOM_BYTES);
    if (prefix.length !== RANDOM_BYTES) throw new RangeError('random must be 16 bytes');
    plain.set(prefix, 0);
    plain.writeUInt32BE(messageBytes, RANDOM_BYTES);
    plain.write(message, HEADER, 'utf8');
    this.#receiveIdBytes.copy(plain, HEADER + messageBytes);
    plain.fill(pad, length);
    const cipher = createCipheriv('aes-256-cbc', this.#key, this.#iv).setAutoPadding(false);
    return joined(cipher.update(plain), cipher.final()).toString('base64');
  }

  /** Decrypts an `Encrypt` value; throws {@link DecryptError} on any malformed part. */
  decrypt(encrypt: string): string {
    const plain = this.#decipher(decodeBase64(encrypt));
    const pad = plain[plain.length - 1] ?? 0;
    if (pad < 1 || pad > BLOCK || !hasPadding(plain, pad)) {
      throw new DecryptError('bad PKCS#7 padding: the aesKey does not match the one in 消息推送配置');
    }
    const end = plain.length - pad;
    if (end < HEADER) throw new DecryptError('decrypted message is too short');
    const messageBytes = plain.readUInt32BE(RANDOM_BYTES);
    if (HEADER + messageBytes > end) throw new DecryptError('msg_len is larger than the decrypted message');
    // Compared in place: no view of the tail is made unless it is wrong.
    if (this.#receiveIdBytes.compare(plain, HEADER + messageBytes, end) !== 0) {
      throw new DecryptError(
        `receiveId mismatch: the message is for ${describeReceiveId(plain.toString('utf8', HEADER + messageBytes, end))}, this app expects ${JSON.stringify(this.#receiveId)} (third-party platforms: set receiveId to the component appId)`,
      );
    }
    return plain.toString('utf8', HEADER, HEADER + messageBytes);
  }

  #decipher(ciphertext: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-cbc', this.#key, this.#iv).setAutoPadding(false);
    return joined(decipher.update(ciphertext), decipher.final());
  }

  toJSON(): string {
    return 'MessageCipher';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return 'MessageCipher { <redacted> }';
  }
}

/**
 * Strict base64 (RFC 4648 §4, the alphabet WeChat uses). Node's decoder silently skips bad
 * characters, which the decoded length below catches, and also takes the URL-safe `-` and `_`,
 * which two `indexOf` scans catch (a regex over the alphabet costs ~2 µs a push; these ~0.1 µs).
 */
function decodeBase64(encrypt: string): Buffer {
  if (
    encrypt.length === 0 ||
    encrypt.length % 4 !== 0 ||
    encrypt.indexOf('-') !== -1 ||
    encrypt.indexOf('_') !== -1
  ) {
    throw new DecryptError('Encrypt is not valid base64');
  }
  const padding = encrypt.endsWith('==') ? 2 : encrypt.endsWith('=') ? 1 : 0;
  const bytes = Buffer.from(encrypt, 'base64');
  if (bytes.length !== (encrypt.length / 4) * 3 - padding)
    throw new DecryptError('Encrypt is not valid base64');
  if (bytes.length % BLOCK !== 0) throw new DecryptError('ciphertext length is not a multiple of 32 bytes');
  return bytes;
}

/**
 * The tail that should have been our receiveId, for the error: shown only when it looks like an
 * id (`wx…`, `ww…`), since a forged `msg_len` can make it a slice of the decrypted message, which
 * must not reach a log.
 */
function describeReceiveId(tail: string): string {
  return /^[A-Za-z0-9_-]{1,64}$/.test(tail)
    ? JSON.stringify(tail)
    : `${Buffer.byteLength(tail)} bytes that are not an id`;
}

/** Without auto padding and whole blocks, `final()` is empty: skip the copy of a concat. */
function joined(head: Buffer, tail: Buffer): Buffer {
  return tail.length === 0 ? head : Buffer.concat([head, tail]);
}

function hasPadding(plain: Buffer, pad: number): boolean {
  for (let i = plain.length - pad; i < plain.length; i++) if (plain[i] !== pad) return false;
  return true;
}

/** Options of {@link encryptMessage} and {@link decryptMessage}. */
export interface CipherOptions {
  /** The 43-character EncodingAESKey. */
  aesKey: string;
  /** The id inside the ciphertext: the appId (third-party platforms: the component appId). */
  receiveId: string;
}

/**
 * Encrypts a reply or a test push (SPEC §2.2). Decodes the key on every call: keep a
 * {@link MessageCipher} for repeated use.
 *
 * @example
 * const encrypt = encryptMessage({ aesKey, receiveId: appId, message: '<xml>…</xml>' });
 */
export function encryptMessage(options: CipherOptions & { message: string; random?: Uint8Array }): string {
  return new MessageCipher(options.aesKey, options.receiveId).encrypt(options.message, options.random);
}

/**
 * Decrypts an `Encrypt` value and checks its receiveId; throws {@link DecryptError}.
 *
 * @example
 * const xml = decryptMessage({ aesKey, receiveId: appId, encrypt: body.Encrypt });
 */
export function decryptMessage(options: CipherOptions & { encrypt: string }): string {
  return new MessageCipher(options.aesKey, options.receiveId).decrypt(options.encrypt);
}
