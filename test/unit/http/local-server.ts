import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** A request as the test server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export type Handler = (request: SeenRequest, response: ServerResponse) => void;

/** A real HTTP server on 127.0.0.1:0 that records every request and answers with `handler`. */
export interface LocalServer {
  url: string;
  requests: SeenRequest[];
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startLocalServer(
  handler: Handler = json({ errcode: 0, errmsg: 'ok' }),
): Promise<LocalServer> {
  let current = handler;
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(seen);
      current(seen, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle: (next) => {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The file's LocalServer: started before its tests, closed after them, its request log cleared
 * before each test. Read it inside tests (it exists from `beforeAll` on).
 */
export function useLocalServer(): LocalServer {
  let started: LocalServer | undefined;
  const current = (): LocalServer => {
    if (started === undefined)
      throw new Error('the local server is started in beforeAll; use it inside tests');
    return started;
  };
  beforeAll(async () => {
    started = await startLocalServer();
  });
  afterAll(() => started?.close());
  beforeEach(() => {
    if (started !== undefined) started.requests.length = 0;
  });
  return {
    get url() {
      return current().url;
    },
    get requests() {
      return current().requests;
    },
    handle: (handler) => current().handle(handler),
    close: () => current().close(),
  };
}

/** A handler answering HTTP 200 with `body` as JSON. */
export function json(body: unknown, status = 200): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
}

/** A handler answering each request with the next handler of `handlers` (the last one repeats). */
export function sequence(...handlers: Handler[]): Handler {
  let index = 0;
  return (request, response) => {
    const handler = handlers[Math.min(index++, handlers.length - 1)];
    handler?.(request, response);
  };
}

/** A handler that destroys the socket after reading the request: the request reached the server. */
export const destroy: Handler = (request, response) => {
  void request;
  response.socket?.destroy();
};
