import { Readable } from 'node:stream';

/**
 * `body` as a stream whose errors are the SDK's: a body that stalls past the timeout fails with
 * `TimeoutError`, a connection reset with `NetworkError` (what `translate` makes of undici's
 * error), the caller's abort with `signal.reason` as is. Only for a body handed to the caller
 * (`media.stream`), who would otherwise meet undici's own error classes mid-read. Destroying the
 * returned stream destroys `body` (the async iterator closes it).
 */
export function withTypedErrors(body: Readable, translate: (error: unknown) => unknown): Readable {
  return Readable.from(chunksOf(body, translate), { objectMode: false });
}

async function* chunksOf(body: Readable, translate: (error: unknown) => unknown): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of body) yield chunk as Buffer;
  } catch (error) {
    throw translate(error);
  }
}
