import type { Readable } from 'node:stream';
import { PayloadTooLargeError } from '../../errors.js';
import { Rejection } from '../rejection.js';

/** A node:http request (or any Readable) as far as reading goes. */
export type NodeStream = Pick<Readable, 'on' | 'off' | 'resume'>;

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
    const stop = (settle: () => void) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
      settle();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop(() => reject(new PayloadTooLargeError(limit)));
      stream.on('error', () => {}); // the discarded rest may fail; nobody waits for it
      stream.resume();
    };
    const onEnd = () => stop(() => resolve(Buffer.concat(chunks, size)));
    const onError = (error: unknown) =>
      stop(() => reject(new Rejection(400, `reading the body failed: ${String(error)}`)));
    const onClose = () => stop(() => reject(new Rejection(400, 'the request closed before its body ended')));
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    stream.on('close', onClose);
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
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value.trim())) return undefined;
  return Number(value.trim());
}
