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
  return readThen(stream, declared, limit, (body) => body, fail);
}

function fail(error: unknown): never {
  throw error;
}

/**
 * {@link readBounded}, settling with `onBody(body)` or `onError(error)` (either may throw or
 * return a promise). A node stream is read with listeners and one promise for the whole request,
 * not a promise per step: each `.then` of a settled promise costs a microtask turn (DESIGN §1.7).
 */
export function readThen<T>(
  stream: NodeStream | WebStream,
  declared: number | undefined,
  limit: number,
  onBody: (body: Buffer) => T | PromiseLike<T>,
  onError: (error: unknown) => T,
): Promise<T> {
  if (declared !== undefined && declared > limit)
    return settle(() => onError(new PayloadTooLargeError(limit)));
  if ('getReader' in stream) return readWeb(stream, limit).then(onBody, onError);
  return new Promise<T>((resolve, reject) => {
    readNode(stream, limit, (error, body) => {
      try {
        resolve(body === undefined ? onError(error) : onBody(body));
      } catch (thrown) {
        reject(thrown);
      }
    });
  });
}

function settle<T>(run: () => T): Promise<T> {
  try {
    return Promise.resolve(run());
  } catch (error) {
    return Promise.reject(error);
  }
}

function readNode(stream: NodeStream, limit: number, done: (error: unknown, body?: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  // Settled once; later events are ignored rather than unsubscribed: no listener bookkeeping per
  // request, and an error the stream emits after its end still finds a listener.
  let settled = false;
  const finish = (error: unknown, body?: Buffer) => {
    if (settled) return;
    settled = true;
    done(error, body);
  };
  stream.on('data', (chunk: Buffer) => {
    if (settled) return;
    size += chunk.length;
    if (size <= limit) return void chunks.push(chunk);
    finish(new PayloadTooLargeError(limit));
    stream.on('error', () => {}); // the discarded rest may fail; nobody waits for it
    stream.resume();
  });
  // A small body arrives as one chunk: no copy then.
  stream.on('end', () => finish(undefined, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
  stream.on('error', (error: unknown) => {
    if (!settled) finish(new Rejection(400, `reading the body failed: ${String(error)}`));
  });
  stream.on('close', () => {
    if (!settled) finish(new Rejection(400, 'the request closed before its body ended'));
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
