import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { ConfigError } from '../errors.js';
import { consoleLogger } from '../logger.js';
import { mountFakeApi } from './api/mount.js';
import type { FakeApiApp } from './api/types.js';
import { ChatStore } from './chat/store.js';
import type { Simulator, SimulatorApp, SimulatorOptions } from './types.js';
import { SimAccount } from './user/account.js';
import type { UserHalf } from './user/act.js';
import { httpTransport } from './user/transport.js';
import { User } from './user/user.js';
import { requestHandler } from './web/routes.js';
import { EventStreams } from './web/sse.js';

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
  const clock = options.clock ?? Date.now;
  const logger = options.logger ?? consoleLogger;
  const sims = options.apps.map((app, i) => new SimAccount(app, `apps[${i}]`));
  const api = mountFakeApi({
    ...options.api,
    apps: options.apps.map((app, i) => apiApp(app, sims[i] as SimAccount)),
    clock,
  });
  const accounts = new Map(sims.map((sim) => [sim.appId, sim]));
  const chat = new ChatStore(clock, logger);
  const unsubscribe = [
    api.world.onMessage((message) => chat.addBotMessage(message, false)),
    api.world.onTyping((event) => chat.typing(event.appId, event.openid, event.command)),
  ];
  const agent = new Agent({ keepAliveTimeout: 4_000 });
  const half: UserHalf = {
    world: api.world,
    chat,
    clock,
    policy: {
      deadlineMs: positive('deadlineMs', options.deadlineMs ?? 5_000),
      retries: count('retries', options.retries ?? 3),
      transport: httpTransport(agent),
    },
    baseUrl: '',
  };
  const lookup = (openid: string, appId?: string): User =>
    new User(half, account(accounts, appId), checkOpenid(openid));
  const streams = new EventStreams(chat);
  const server = createServer(requestHandler({ api, chat, streams, accounts, lookup, logger }));
  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  try {
    await once(server, 'listening');
  } catch (error) {
    // Port in use, bad host…: release what was set up, then report.
    for (const stop of unsubscribe) stop();
    streams.close();
    api.close();
    await agent.destroy();
    throw error;
  }
  const url = baseUrl(server.address() as AddressInfo);
  half.baseUrl = url;
  api.setUrl(url);
  let stopping: Promise<void> | undefined;
  return {
    url,
    chatUrl: `${url}/chat`,
    world: api.world,
    user: lookup,
    onEntry(listener) {
      return chat.subscribe((event) => {
        if (event.type === 'entry') listener(event.entry, { appId: event.appId, openid: event.openid });
      });
    },
    setWebhook(appId, webhookUrl, webhookOptions) {
      account(accounts, appId).configure(webhookUrl, webhookOptions, `setWebhook(${appId})`);
      chat.configChanged();
    },
    stop() {
      stopping ??= (async () => {
        for (const stop of unsubscribe) stop();
        streams.close();
        chat.close();
        api.close();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await Promise.all([closed, agent.destroy()]);
      })();
      return stopping;
    },
  };
}

/** The API half's view of an app; its originalId agrees with the push side's. */
function apiApp(app: SimulatorApp, account: SimAccount): FakeApiApp {
  return {
    appId: app.appId,
    secret: app.secret,
    ...(app.kind === undefined ? {} : { kind: app.kind }),
    originalId: account.originalId,
  };
}

function account(accounts: ReadonlyMap<string, SimAccount>, appId: string | undefined): SimAccount {
  const found = appId === undefined ? accounts.values().next().value : accounts.get(appId);
  if (found === undefined)
    throw new ConfigError('appId', `${JSON.stringify(appId)} is not one of the simulator's apps`);
  return found;
}

/** Any printable, space-free id up to 128 characters (real ones are 28 URL-safe characters). */
function checkOpenid(openid: string): string {
  if (typeof openid !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(openid)) {
    throw new ConfigError('openid', 'must be 1–128 printable ASCII characters without spaces');
  }
  return openid;
}

function positive(option: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError(option, 'must be a positive number of ms');
  return value;
}

function count(option: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(option, 'must be a non-negative integer');
  return value;
}

function baseUrl(address: AddressInfo): string {
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host = wildcard ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
