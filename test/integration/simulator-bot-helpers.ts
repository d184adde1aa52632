import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Application, type ServerOptions, silentLogger } from '../../src/index.js';
import type { SimulatorApp } from '../../src/simulator/index.js';

/** The account every simulator test uses. */
export const APP = {
  appId: 'wx1234567890abcdef',
  secret: 'sim-secret-0123456789abcdef',
  token: 'simToken123',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
} as const satisfies SimulatorApp;

/** A small JPEG header and a few bytes: enough for magic-byte checks. */
export const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 2, 3, 4,
]);

/** An HTTP server on 127.0.0.1, port 0. */
export interface Listening {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Listens with `handler` on a free loopback port. */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<Listening> {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A real bot: an Application whose API calls go to the simulator, served by its node handler. */
export async function startBot(
  apiUrl: string,
  options: { token?: string; aesKey?: string; server?: ServerOptions } = {},
): Promise<{ app: Application; webhook: string; close(): Promise<void> }> {
  const app = new Application({
    appId: APP.appId,
    secret: APP.secret,
    token: options.token ?? APP.token,
    aesKey: options.aesKey ?? APP.aesKey,
    baseUrl: apiUrl,
    logger: silentLogger,
    server: { requireEncryption: false, ...options.server },
  });
  const handler = app.server.toNodeHandler();
  const http = await listen((req, res) => {
    handler(req, res).catch(() => res.destroy());
  });
  return { app, webhook: `${http.url}/wechat`, close: http.close };
}

export { deferred } from '../helpers/deferred.js';
