import { createCipheriv } from 'node:crypto';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, DecryptError } from '../../../src/errors.js';
import { decryptMessage, encryptMessage, MessageCipher } from '../../../src/server/crypto.js';
import { randomBytesFromPool } from '../../../src/server/random-pool.js';
import { vector, vectors } from '../../fixtures/vectors.js';
import { AES_KEY, APP_ID } from './helpers.js';

const latin1 = (text: string) => Buffer.from(text, 'latin1');

describe('MessageCipher (SPEC §2)', () => {
  const withCiphertext = vectors.filter((v) => v.encrypt && v.plaintext && v.encodingAesKey && v.receiveId);

  for (const v of withCiphertext) {
    it(`decrypts vector ${v.id} (pad ${v.pad ?? '?'})`, () => {
      const cipher = new MessageCipher(v.encodingAesKey ?? '', v.receiveId ?? '');
      expect(cipher.decrypt(v.encrypt ?? '')).toBe(v.plaintext);
    });
  }

  for (const v of withCiphertext.filter((x) => x.random)) {
    it(`encrypts vector ${v.id} to the published ciphertext with its random bytes`, () => {
      const cipher = new MessageCipher(v.encodingAesKey ?? '', v.receiveId ?? '');
      expect(cipher.encrypt(v.plaintext ?? '', latin1(v.random ?? ''))).toBe(v.encrypt);
    });
  }

  for (const id of ['O1', 'E', 'W']) {
    it(`encrypts the reply of vector ${id}`, () => {
      const v = vector(id);
      const reply = v.reply;
      if (!reply) throw new Error('vector without reply');
      const cipher = new MessageCipher(v.encodingAesKey ?? '', v.receiveId ?? '');
      expect(cipher.encrypt(reply.plaintext, latin1(reply.random))).toBe(reply.encrypt);
    });
  }

  it('decrypts the encrypted echostr of vector B', () => {
    const v = vector('B');
    expect(
      decryptMessage({
        aesKey: v.encodingAesKey ?? '',
        receiveId: v.receiveId ?? '',
        encrypt: v.encrypt ?? '',
      }),
    ).toBe(v.plaintext);
  });

  it('round-trips any string, the length counted in UTF-8 bytes', () => {
    const cipher = new MessageCipher(AES_KEY, APP_ID);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const encrypt = cipher.encrypt(text);
        expect(Buffer.from(encrypt, 'base64').length % 32).toBe(0);
        expect(cipher.decrypt(encrypt)).toBe(text);
      }),
    );
  });

  it('adds a whole block of padding when the plaintext fills its last block', () => {
    // 16 + 4 + msg + 18-byte appId = 64 bytes with a 26-byte message: pad must be 32, not 0.
    const cipher = new MessageCipher(AES_KEY, APP_ID);
    const encrypt = cipher.encrypt('x'.repeat(26));
    expect(Buffer.from(encrypt, 'base64').length).toBe(96);
    expect(cipher.decrypt(encrypt)).toBe('x'.repeat(26));
  });

  describe('refuses malformed ciphertexts with DecryptError', () => {
    const cipher = new MessageCipher(AES_KEY, APP_ID);
    const good = cipher.encrypt('<xml><A>1</A></xml>');

    it.each([
      ['empty', ''],
      ['not a multiple of 4', good.slice(1)],
      ['characters outside base64', `${good.slice(0, 4).replace(/./, '*')}${good.slice(4)}`],
      ['whitespace inside', `${good.slice(0, 8)}\n${good.slice(9)}`],
      ['16 bytes, not a multiple of 32', Buffer.alloc(16).toString('base64')],
    ])('%s', (_name, encrypt) => {
      expect(() => cipher.decrypt(encrypt)).toThrow(DecryptError);
    });

    it('the URL-safe alphabet, which Node would decode to the very same bytes', () => {
      // A ciphertext holding `+` or `/` (fixed random prefix, so the same one every run).
      let encrypt = '';
      for (let i = 0; !/[+/]/.test(encrypt); i++)
        encrypt = cipher.encrypt(`<xml><A>${i}</A></xml>`, Buffer.alloc(16, 7));
      const urlSafe = encrypt.replaceAll('+', '-').replaceAll('/', '_');
      expect(Buffer.from(urlSafe, 'base64').equals(Buffer.from(encrypt, 'base64'))).toBe(true);
      expect(() => cipher.decrypt(urlSafe)).toThrow('Encrypt is not valid base64');
    });

    it('bad padding (another key)', () => {
      const other = new MessageCipher('jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C', APP_ID);
      expect(() => other.decrypt(good)).toThrow(/padding/);
    });

    it('a receiveId of another app', () => {
      const other = new MessageCipher(AES_KEY, 'wxffffffffffffffff');
      expect(() => other.decrypt(good)).toThrow(/receiveId mismatch/);
    });

    it('an msg_len beyond the message', () => {
      // Hand-built plaintext: length field says 1000, only 2 bytes follow before the receiveId.
      const body = Buffer.concat([
        Buffer.alloc(16),
        Buffer.from([0, 0, 3, 232]),
        Buffer.from('hi'),
        Buffer.from(APP_ID),
      ]);
      const pad = 32 - (body.length % 32);
      const encrypt = encryptRaw(Buffer.concat([body, Buffer.alloc(pad, pad)]));
      expect(() => cipher.decrypt(encrypt)).toThrow(/msg_len/);
    });

    it('padding whose bytes are not all the pad length (PKCS#7 is checked whole, not by its last byte)', () => {
      const message = Buffer.from('hi');
      const body = Buffer.concat([Buffer.alloc(16), Buffer.from([0, 0, 0, 2]), message, Buffer.from(APP_ID)]);
      const pad = 32 - (body.length % 32);
      const padding = Buffer.alloc(pad, pad);
      padding[0] = pad - 1; // the first padding byte is wrong; the last says `pad`
      expect(cipher.decrypt(encryptRaw(Buffer.concat([body, Buffer.alloc(pad, pad)])))).toBe('hi');
      expect(() => cipher.decrypt(encryptRaw(Buffer.concat([body, padding])))).toThrow(/padding/);
    });

    it('a receiveId mismatch names an id, never a slice of the decrypted message', () => {
      // msg_len 0: what should be the receiveId is the whole document.
      const document = '<xml><Content>secret words</Content></xml>';
      const body = Buffer.concat([Buffer.alloc(16), Buffer.from([0, 0, 0, 0]), Buffer.from(document)]);
      const pad = 32 - (body.length % 32);
      const error = ((): Error | undefined => {
        try {
          cipher.decrypt(encryptRaw(Buffer.concat([body, Buffer.alloc(pad, pad)])));
          return undefined;
        } catch (caught) {
          return caught as Error;
        }
      })();
      expect(error).toBeInstanceOf(DecryptError);
      expect(error?.message).toMatch(/receiveId mismatch: the message is for \d+ bytes that are not an id/);
      expect(error?.message).not.toContain('secret');
      const other = new MessageCipher(AES_KEY, 'wxffffffffffffffff');
      expect(() => other.decrypt(good)).toThrow(`the message is for "${APP_ID}"`);
    });

    it('a padding byte of 0 or above 32', () => {
      for (const last of [0, 33]) {
        const block = Buffer.alloc(64, 1);
        block[63] = last;
        expect(() => cipher.decrypt(encryptRaw(block))).toThrow(/padding/);
      }
    });
  });

  it('rejects a key that is not 43 base64 characters', () => {
    expect(() => new MessageCipher(AES_KEY.slice(1), APP_ID)).toThrow(ConfigError);
    expect(() => new MessageCipher(`${AES_KEY.slice(1)}=`, APP_ID)).toThrow(ConfigError);
  });

  it('never shows its key', () => {
    const cipher = new MessageCipher(AES_KEY, APP_ID);
    const raw = Buffer.from(`${AES_KEY}=`, 'base64');
    for (const text of [
      inspect(cipher, { showHidden: true, depth: 5 }),
      JSON.stringify(cipher),
      String(cipher),
    ]) {
      expect(text).not.toContain(AES_KEY);
      expect(text).not.toContain(raw.toString('hex'));
      expect(text).not.toContain(raw.toString('base64'));
    }
  });

  it('encryptMessage/decryptMessage are the same steps on their own', () => {
    const encrypt = encryptMessage({ aesKey: AES_KEY, receiveId: APP_ID, message: '你好👋' });
    expect(decryptMessage({ aesKey: AES_KEY, receiveId: APP_ID, encrypt })).toBe('你好👋');
  });
});

describe('randomBytesFromPool', () => {
  it('hands out fresh bytes across refills', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 600; i++) seen.add(randomBytesFromPool(16).toString('hex'));
    expect(seen.size).toBe(600);
    expect(randomBytesFromPool(5000)).toHaveLength(5000);
  });
});

/** AES-256-CBC without padding under AES_KEY, for hand-built plaintexts. */
function encryptRaw(plain: Buffer): string {
  const key = Buffer.from(`${AES_KEY}=`, 'base64');
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}
