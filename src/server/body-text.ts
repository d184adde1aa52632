import { ConfigError, PayloadTooLargeError } from '../errors.js';

/**
 * The request body as text, bounded by `limit` bytes (HTTP 413 above). Only the raw body will do:
 * signatures and ciphertexts are checked on the exact bytes WeChat sent.
 */
export function bodyText(body: unknown, limit: number): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') {
    // UTF-16 length ≤ UTF-8 bytes ≤ 3 × length: count bytes only when it can matter.
    if (body.length > limit || (body.length * 3 > limit && Buffer.byteLength(body, 'utf8') > limit)) {
      throw new PayloadTooLargeError(limit);
    }
    return body;
  }
  if (body instanceof Uint8Array) {
    if (body.byteLength > limit) throw new PayloadTooLargeError(limit);
    // What the node adapters read is a Buffer already: decode it without a view on top.
    if (Buffer.isBuffer(body)) return body.toString('utf8');
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  }
  throw new ConfigError(
    'body',
    'serve() needs the raw body as a string or Uint8Array, not a parsed object: give it the bytes as received (see the framework recipes in the README)',
  );
}
