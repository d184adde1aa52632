import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Application } from '../../src/application.js';
import { silentLogger } from '../../src/logger.js';
import { deferred } from '../helpers/deferred.js';

/** Answers one `media/get` request; the server knows nothing else. */
export type MediaHandler = (response: ServerResponse) => void;

/**
 * A loopback HTTP server whose `media/get` the test scripts byte by byte (the fake API only sends
 * whole files). `closed` resolves when the client drops a response the server never finished.
 */
export async function startMediaServer() {
  let handler: MediaHandler = (response) => response.end();
  let closed = deferred();
  const server = createServer((_request, response) => {
    const seen = closed;
    response.on('close', () => {
      if (!response.writableFinished) seen.resolve();
    });
    handler(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Sets how the next requests are answered, and a fresh `closed`. */
    handle(next: MediaHandler) {
      handler = next;
      closed = deferred();
    },
    get closed() {
      return closed.promise;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Headers, then `chunk` every `everyMs` until the client goes away: a body that never ends. */
export function trickle(chunk: Buffer, everyMs: number, headers: Record<string, string> = {}): MediaHandler {
  return (response) => {
    response.writeHead(200, { 'content-type': 'image/jpeg', ...headers });
    response.write(chunk);
    const timer = setInterval(() => response.write(chunk), everyMs);
    response.on('close', () => clearInterval(timer));
  };
}

/** A whole JPEG-typed file with the given Content-Disposition. */
export function file(data: Buffer, disposition: string): MediaHandler {
  return (response) => {
    response.writeHead(200, {
      'content-type': 'image/jpeg',
      'content-disposition': disposition,
      'content-length': data.length,
    });
    response.end(data);
  };
}

/** An Application on `url` with a token of its own, so only media/get reaches the server. */
export function mediaApp(url: string) {
  return new Application({
    appId: 'wx1234567890abcdef',
    baseUrl: url,
    logger: silentLogger,
    accessToken: async () => ({ token: 'TOKEN_abcdefghij', expiresIn: 7_000_000 }),
  });
}

/** Rejects if `promise` has not settled in `ms`: turns a hang into a failure with a name. */
export function notHanging<T>(promise: Promise<T>, what: string, ms = 8_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still pending after ${ms} ms`)), ms);
  });
  return Promise.race([promise, hang]).finally(() => clearTimeout(timer));
}
