import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Application } from '../../src/application.js';
import { silentLogger } from '../../src/logger.js';

// A bare WeChat stand-in that counts open sockets, to see what close() does to keep-alive.
let server: Server;
let baseUrl: string;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(
        req.url?.startsWith('/cgi-bin/stable_token')
          ? '{"access_token":"T","expires_in":7200}'
          : '{"errcode":0,"errmsg":"ok"}',
      );
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('Application.close', () => {
  it('closes the keep-alive connections to the API', async () => {
    const app = new Application({ appId: 'wx1234567890abcdef', secret: 's', baseUrl, logger: silentLogger });
    await app.customerService.message('hi').to('o_user').send();
    expect(sockets.size).toBeGreaterThan(0);
    await app.close();
    await expect.poll(() => sockets.size).toBe(0);
  });

  it('is harmless on an application that never called the API', async () => {
    await expect(new Application({ appId: 'wx1234567890abcdef' }).close()).resolves.toBeUndefined();
  });
});
