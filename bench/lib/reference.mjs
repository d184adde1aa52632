// Reference WXBizMsgCrypt (SPEC §2) written for the benchmark alone, on bare node:crypto. It makes
// the pushes every implementation is fed and checks every reply they give back, so no figure in
// the table rests on the code under test checking itself. Checked against the public vectors by
// `selfTest()` before any measurement.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** SHA-1 over the code-unit sort of the parts (SPEC §1.2, §2.3), lowercase hex. */
export function sign(parts) {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** Decodes a 43-character EncodingAESKey into { key, iv } (SPEC §2.1). */
export function decodeKey(aesKey) {
  const key = Buffer.from(`${aesKey}=`, 'base64');
  if (aesKey.length !== 43 || key.length !== 32) throw new Error('bad EncodingAESKey');
  return { key, iv: key.subarray(0, 16) };
}

/** Encrypts `message` for `receiveId` (SPEC §2.2): 32-byte PKCS#7, base64 out. */
export function encrypt(aesKey, message, receiveId, random = randomBytes(16)) {
  const { key, iv } = decodeKey(aesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const full = Buffer.concat([Buffer.from(random), length, body, Buffer.from(receiveId, 'utf8')]);
  const pad = 32 - (full.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
  return Buffer.concat([
    cipher.update(Buffer.concat([full, Buffer.alloc(pad, pad)])),
    cipher.final(),
  ]).toString('base64');
}

/** Decrypts an Encrypt value strictly; returns { message, receiveId, pad }. Throws on any defect. */
export function decrypt(aesKey, encrypted) {
  const { key, iv } = decodeKey(aesKey);
  const data = Buffer.from(encrypted, 'base64');
  if (data.length === 0 || data.length % 32 !== 0)
    throw new Error('ciphertext is not a multiple of 32 bytes');
  const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(data), decipher.final()]);
  const pad = plain[plain.length - 1];
  if (pad < 1 || pad > 32) throw new Error(`bad padding byte ${pad}`);
  for (let i = plain.length - pad; i < plain.length; i++) {
    if (plain[i] !== pad) throw new Error('bad PKCS#7 padding');
  }
  const end = plain.length - pad;
  const length = plain.readUInt32BE(16);
  if (20 + length > end) throw new Error('msg_len too large');
  return {
    message: plain.toString('utf8', 20, 20 + length),
    receiveId: plain.toString('utf8', 20 + length, end),
    pad,
  };
}

/**
 * Checks this module against the public vectors (SPEC §2.7): every push decrypts to its plaintext
 * with its msg_signature, every encrypt vector re-encrypts to its ciphertext. Throws on a mismatch.
 * @returns {number} how many vectors were checked
 */
export function selfTest(vectorsUrl = new URL('../../test/fixtures/vectors.json', import.meta.url)) {
  const { vectors } = JSON.parse(readFileSync(vectorsUrl, 'utf8'));
  let checked = 0;
  for (const v of vectors) {
    if (v.encrypt && v.plaintext && v.encodingAesKey) {
      const out = decrypt(v.encodingAesKey, v.encrypt);
      if (out.message !== v.plaintext) throw new Error(`vector ${v.id}: decrypt mismatch`);
      if (
        v.random &&
        encrypt(v.encodingAesKey, v.plaintext, v.receiveId, Buffer.from(v.random)) !== v.encrypt
      ) {
        throw new Error(`vector ${v.id}: encrypt mismatch`);
      }
      if (v.msgSignature && sign([v.token, v.timestamp, v.nonce, v.encrypt]) !== v.msgSignature) {
        throw new Error(`vector ${v.id}: msg_signature mismatch`);
      }
      checked++;
    }
  }
  if (checked < 5) throw new Error(`only ${checked} vectors found in ${vectorsUrl}`);
  return checked;
}
