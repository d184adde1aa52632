import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { PayloadTooLargeError } from '../errors.js';

/**
 * Reads `body` whole, refusing more than `maxBytes` with a {@link PayloadTooLargeError}: from
 * Content-Length before reading a byte, else as soon as the bytes read pass the limit (a chunked
 * body says nothing up front). A refused body is destroyed, which closes the connection: draining
 * what we do not want could take as long as reading it.
 */
export async function readBoundedBody(
  body: Readable,
  headers: IncomingHttpHeaders,
  maxBytes: number,
  path: string,
): Promise<Buffer> {
  if (Number(headers['content-length']) > maxBytes) throw tooLarge(body, maxBytes, path);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(body, maxBytes, path);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(body: Readable, maxBytes: number, path: string): PayloadTooLargeError {
  const error = new PayloadTooLargeError(
    maxBytes,
    `WeChat API ${path}: the download is larger than maxBytes`,
  );
  body.destroy(error);
  return error;
}
