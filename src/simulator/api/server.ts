import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mountFakeApi } from './mount.js';
import type { FakeApi, FakeApiOptions } from './types.js';

/**
 * Starts a strict fake WeChat API on loopback (SPEC §4–§7): tokens, customer-service messages,
 * typing and temporary media, answering with WeChat's errcodes. Plain node:http.
 *
 * @example
 * const api = await startFakeApi({ apps: [{ appId: 'wx1234567890abcdef', secret: 's3cret' }] });
 * api.world.userSent('wx1234567890abcdef', 'o_user');   // opens the 48 h window
 * const app = new Application({ appId: 'wx1234567890abcdef', secret: 's3cret', baseUrl: api.url });
 * await app.customerService.message('hi').to('o_user').send();
 * api.world.messages('wx1234567890abcdef');             // [{ msgtype: 'text', … }]
 * await api.close();
 */
export async function startFakeApi(options: FakeApiOptions): Promise<FakeApi> {
  const mounted = mountFakeApi(options);
  const server = createServer((request, response) => mounted.handle(request, response));
  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  mounted.setUrl(url);
  let closing: Promise<void> | undefined;
  return {
    url,
    world: mounted.world,
    close() {
      closing ??= new Promise<void>((resolve) => {
        mounted.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
