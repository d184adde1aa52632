import type { Readable } from 'node:stream';
import { PayloadTooLargeError } from '../../errors.js';
import { Rejection } from '../rejection.js';

/** A node:http request (or any Readable) as far as reading goes. */
export type NodeStream = Pick<Readable, 'on' | 'resume'>;

/** A WHATWG ReadableStream of bytes (fetch `Request.body`). */
export interface WebStream {
  getReader(): {
    read(): Promise<{ done: boolean; value?: Uint8Array | undefined }>;
    cancel(): Promise<void>;
  };
}

/**
 * The one bounded body reader of every adapter (DESIGN §7): a declared Content-Length over
 * `limit` is refused before reading, and reading stops buffering at `limit` (413). The rest of an
 * oversized node request is discarded, not buffered, so the 413 still reaches the client.
 */
export function readBounded(
  stream: NodeStream | WebStream,
  declared: number | undefined,
  limit: number,
): Promise<Buffer> {
  if (declared !== undefined && declared > limit) return Promise.reject(new PayloadTooLargeError(limit));
  return 'getReader' in stream ? readWeb(stream, limit) : readNode(stream, limit);
}

function readNode(stream: NodeStream, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Settled once; later events are ignored rather than unsubscribed (removing listeners turns
    // the stream's listener table into a slow dictionary for the rest of the request).
    let settled = false;
    stream.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      settled = true;
      reject(new PayloadTooLargeError(limit));
      stream.on('error', () => {}); // the discarded rest may fail; nobody waits for it
      stream.resume();
    });
    stream.on('end', () => {
      if (settled) return;
      settled = true;
      // A small body arrives as one chunk: no copy then.
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    });
    const fail = (reason: () => string) => {
      if (settled) return;
      settled = true;
      reject(new Rejection(400, reason()));
    };
    stream.on('error', (error: unknown) => fail(() => `reading the body failed: ${String(error)}`));
    stream.on('close', () => fail(() => 'the request closed before its body ended'));
  });
}

async function readWeb(stream: WebStream, limit: number): Promise<Buffer> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, size);
    if (value === undefined) continue;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new PayloadTooLargeError(limit);
    }
    chunks.push(value);
  }
}

/** The first Content-Length value as a number; `undefined` when absent or not a number. */
export function contentLength(
  header: string | readonly string[] | number | null | undefined,
): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  // The usual header is bare digits: read them without a regex or a trimmed copy.
  if (value.length > 0 && value.length <= 15 && isDigits(value)) return Number(value);
  const trimmed = value.trim();
  return /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : undefined;
}

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}
