import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../errors.js';
import { Simulation } from './simulation.js';
import type { Simulator, SimulatorOptions } from './types.js';
import { requestHandler } from './web/routes.js';

/**
 * Starts a local WeChat on one port (DESIGN §9): the strict fake API under `/cgi-bin/`, simulated
 * users who push to your webhook exactly as WeChat does, and a chat page at `/chat`.
 *
 * @example
 * const sim = await startSimulator({ apps: [{ appId, secret, token, aesKey, webhook: 'http://127.0.0.1:3000/wechat' }] });
 * const app = new Application({ appId, secret, token, aesKey, baseUrl: sim.url });
 * await sim.user('o_user').say('你好');          // → { reply: 'success', status: 200, attempts: 1 }
 * const reply = await sim.user('o_user').nextMessage(); // what the bot sent through the API
 * await sim.stop();
 */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  if (
    typeof options !== 'object' ||
    options === null ||
    !Array.isArray(options.apps) ||
    options.apps.length === 0
  ) {
    throw new ConfigError('apps', 'list at least one app: [{ appId, secret, token, aesKey?, webhook? }]');
  }
  const simulation = new Simulation(options);
  const lookup = (openid: string, appId?: string) => simulation.user(openid, appId);
  const server = createServer(requestHandler({ ...simulation.parts(), lookup }));
  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  try {
    await once(server, 'listening');
  } catch (error) {
    // Port in use, bad host…: release what was set up, then report.
    await simulation.dispose();
    throw error;
  }
  const url = baseUrl(server.address() as AddressInfo);
  simulation.listening(url);
  return facade(simulation, server, url);
}

function facade(simulation: Simulation, server: Server, url: string): Simulator {
  let stopping: Promise<void> | undefined;
  return {
    url,
    chatUrl: `${url}/chat`,
    world: simulation.api.world,
    user: (openid, appId) => simulation.user(openid, appId),
    onEntry: (listener) => simulation.onEntry(listener),
    setWebhook: (appId, webhookUrl, options) => simulation.setWebhook(appId, webhookUrl, options),
    stop() {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await Promise.all([closed, simulation.dispose()]);
      })();
      return stopping;
    },
  };
}

/** A wildcard listen address is reached through loopback. */
function baseUrl(address: AddressInfo): string {
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
