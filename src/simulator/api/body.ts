import type { IncomingMessage } from 'node:http';

/** The body, or `tooLarge` when it would pass the limit (nothing more is read then). */
export type BodyResult = { tooLarge: false; body: Buffer } | { tooLarge: true };

/**
 * Reads a request body of at most `limit` bytes. A Content-Length over the limit is refused before
 * reading; a chunked body stops being read at the limit, so no request can make the fake API
 * buffer more than `limit` bytes.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ tooLarge: true });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        request.pause();
        resolve({ tooLarge: true });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve({ tooLarge: false, body: Buffer.concat(chunks, size) });
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const cleanup = (): void => {
      request.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted);
    };
    const onAborted = (): void => onError(new Error('request aborted'));
    request.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted);
  });
}
