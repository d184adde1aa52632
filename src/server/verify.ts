import { ConfigError, DecryptError, SignatureError } from '../errors.js';
import type { InboundMessage } from '../messages/inbound.js';
import type { AccountKind, Credentials, Settings } from '../options.js';
import { MessageCipher } from './crypto.js';
import { readEnvelope } from './envelope-read.js';
import { normalizeMessage, type PushFormat, parseDocument, sniffFormat } from './parse.js';
import type { PushQuery } from './query.js';
import { Rejection } from './rejection.js';
import { matchSignature } from './signature.js';

/** A push that passed every check, with what its reply needs. */
export interface VerifiedPush {
  readonly message: InboundMessage;
  /** The format of the push as received (the reply uses the same, DESIGN §7). */
  readonly format: PushFormat;
  /** The token that signed it and, when encrypted, the key that decrypted it: the reply uses them. */
  readonly token: string;
  readonly cipher: MessageCipher | undefined;
  /** True if the push was encrypted (compatible or safe mode): its reply is encrypted too. */
  readonly encrypted: boolean;
  /** True for the cloud-hosting `CheckContainerPath` probe (SPEC §9.5): answered, never handled. */
  readonly probe: boolean;
  /** The app's kind: with `message` and `format`, what deciding and rendering the reply need. */
  readonly kind: AccountKind;
}

/**
 * Steps 1–4 of a push (DESIGN §1.2, SPEC §1.3): `signature`, clock skew, `msg_signature`,
 * decryption with receiveId check, parsing. Holds the tokens and keys in `#private` fields.
 */
export class PushVerifier {
  readonly #tokens: readonly string[];
  readonly #ciphers: readonly MessageCipher[];
  readonly #settings: Settings;

  constructor(settings: Settings, credentials: Credentials) {
    this.#settings = settings;
    this.#tokens = credentials.tokens;
    this.#ciphers = credentials.aesKeys.map((key) => new MessageCipher(key, settings.receiveId));
  }

  /** The token that signed `query` (3-part `signature`); throws SignatureError or a 400 Rejection. */
  checkSignature(query: PushQuery): string {
    if (this.#tokens.length === 0) {
      // Our misconfiguration, not the sender's mistake: 500, logged as an error with the fix.
      throw new ConfigError(
        'token',
        'no token configured: pass `token` (消息推送配置 Token) to receive pushes',
      );
    }
    const { signature, timestamp, nonce } = query;
    if (signature === undefined) throw new SignatureError('the URL has no signature');
    if (timestamp === undefined || nonce === undefined)
      throw new Rejection(400, 'timestamp or nonce missing');
    if (!/^\d{1,12}$/.test(timestamp)) throw new Rejection(400, 'timestamp is not a Unix time in seconds');
    const token = matchSignature({ token: this.#tokens, timestamp, nonce, signature });
    if (token === undefined)
      throw new SignatureError('signature does not match: check the Token of 消息推送配置');
    this.#checkClock(timestamp);
    return token;
  }

  #checkClock(timestamp: string): void {
    const skew = this.#settings.server.maxClockSkew;
    if (skew === false) return;
    const distance = Math.abs(this.#settings.clock() - Number(timestamp) * 1000);
    if (distance > skew) {
      throw new SignatureError(
        `timestamp is ${Math.round(distance / 1000)} s away from this server's clock (maxClockSkew ${skew} ms): a replay, or a clock to synchronise`,
      );
    }
  }

  /** Verifies, decrypts and parses a POST body signed by `token`. */
  openPush(query: PushQuery, token: string, text: string): VerifiedPush {
    if (query.encrypt_type === 'aes') {
      // Safe mode's fixed-shape envelope skips the parsers (DESIGN §1.7); other shapes take them.
      const envelope = readEnvelope(text);
      if (envelope !== undefined) return this.#openEncrypted(query, token, envelope.Encrypt, envelope.format);
    }
    const format = sniffFormat(text);
    if (format === undefined) throw new Rejection(415, 'body is neither XML nor JSON');
    const { fields } = parseDocument(text);
    if (fields.action === 'CheckContainerPath') {
      return this.#verified(fields as unknown as InboundMessage, format, token, undefined, true);
    }
    const mode = query.encrypt_type;
    if (mode === 'aes') return this.#openEncrypted(query, token, fields.Encrypt, format);
    if (mode !== undefined && mode !== 'raw') throw new Rejection(400, 'encrypt_type must be aes');
    if (this.#settings.server.requireEncryption) {
      throw new SignatureError(
        'plaintext push refused: its signature does not cover the body. Set 消息加解密方式 to 安全模式 (safe mode), or requireEncryption: false',
      );
    }
    if (typeof fields.Encrypt === 'string' && fields.MsgType === undefined) {
      throw new Rejection(400, 'body is encrypted but the URL has no encrypt_type=aes&msg_signature');
    }
    return this.#verified(normalizeMessage(fields), format, token, undefined, false);
  }

  #openEncrypted(query: PushQuery, token: string, encrypt: unknown, format: PushFormat): VerifiedPush {
    if (typeof encrypt !== 'string') throw new DecryptError('encrypted push without an Encrypt field');
    const signature = query.msg_signature;
    if (signature === undefined) throw new SignatureError('encrypted push without msg_signature');
    const { timestamp = '', nonce = '' } = query;
    if (matchSignature({ token, timestamp, nonce, encrypt, signature }) === undefined) {
      throw new SignatureError('msg_signature does not match the Encrypt value');
    }
    const { plaintext, cipher } = this.#decrypt(encrypt);
    // Compatible mode: the handler sees the decrypted, signed copy, never the plaintext beside it.
    const inner = parseDocument(plaintext);
    return this.#verified(normalizeMessage(inner.fields), format, token, cipher, false);
  }

  #verified(
    message: InboundMessage,
    format: PushFormat,
    token: string,
    cipher: MessageCipher | undefined,
    probe: boolean,
  ): VerifiedPush {
    return {
      message,
      format,
      token,
      cipher,
      encrypted: cipher !== undefined,
      probe,
      kind: this.#settings.kind,
    };
  }

  /** Tries each key, newest first; reports a receiveId mismatch (right key, wrong app) first. */
  #decrypt(encrypt: string): { plaintext: string; cipher: MessageCipher } {
    if (this.#ciphers.length === 0) {
      throw new DecryptError('encrypted push, but no aesKey is configured: pass aesKey (the EncodingAESKey)');
    }
    let failure: unknown;
    for (const cipher of this.#ciphers) {
      try {
        return { plaintext: cipher.decrypt(encrypt), cipher };
      } catch (error) {
        if (failure === undefined || String((error as Error).message).startsWith('receiveId'))
          failure = error;
      }
    }
    throw failure;
  }

  /** `echostr` if the GET verification request is signed (SPEC §1.2). */
  checkVerification(query: PushQuery): string {
    this.checkSignature(query);
    if (query.echostr === undefined) throw new Rejection(400, 'echostr missing');
    return query.echostr;
  }
}
