import { Agent } from 'undici';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import { consoleLogger } from '../logger.js';
import { type MountedFakeApi, mountFakeApi } from './api/mount.js';
import type { FakeApiApp } from './api/types.js';
import type { ChatEntry } from './chat/entries.js';
import { ChatStore } from './chat/store.js';
import type { SimulatorApp, SimulatorOptions, WebhookOptions } from './types.js';
import { SimAccount } from './user/account.js';
import type { UserHalf } from './user/act.js';
import { httpTransport } from './user/transport.js';
import { User } from './user/user.js';
import type { WebContext } from './web/routes.js';
import { EventStreams } from './web/sse.js';

/**
 * Everything one simulator owns except its HTTP server: the accounts, the mounted fake API, the
 * chats (fed by the API's message and typing hooks), the page streams and the push transport.
 */
export class Simulation {
  readonly accounts: ReadonlyMap<string, SimAccount>;
  readonly api: MountedFakeApi;
  readonly chat: ChatStore;
  readonly half: UserHalf;
  readonly streams: EventStreams;
  readonly logger: Logger;
  readonly #agent: Agent;
  readonly #unsubscribe: Array<() => void>;

  constructor(options: SimulatorOptions) {
    const deadlineMs = positive('deadlineMs', options.deadlineMs ?? 5_000);
    const retries = count('retries', options.retries ?? 3);
    const clock = options.clock ?? Date.now;
    this.logger = options.logger ?? consoleLogger;
    const sims = options.apps.map((app, i) => new SimAccount(app, `apps[${i}]`));
    const apps = options.apps.map((app, i) => apiApp(app, sims[i] as SimAccount));
    this.api = mountFakeApi({ ...options.api, apps, clock });
    this.accounts = new Map(sims.map((sim) => [sim.appId, sim]));
    const chat = new ChatStore(clock, this.logger);
    this.chat = chat;
    this.#unsubscribe = [
      this.api.world.onMessage((message) => chat.addBotMessage(message, false)),
      this.api.world.onTyping((event) => chat.typing(event.appId, event.openid, event.command)),
    ];
    // Created once every option is checked, so a refused configuration leaves nothing open.
    this.#agent = new Agent({ keepAliveTimeout: 4_000 });
    const policy = { deadlineMs, retries, transport: httpTransport(this.#agent) };
    this.half = { world: this.api.world, chat, clock, policy, baseUrl: '' };
    this.streams = new EventStreams(chat);
  }

  /** What the request handler serves from. */
  parts(): Omit<WebContext, 'lookup'> {
    const { api, chat, streams, accounts, logger } = this;
    return { api, chat, streams, accounts, logger };
  }

  /** Learns the public base URL once the server listens (for PicUrl and OA video links). */
  listening(url: string): void {
    this.half.baseUrl = url;
    this.api.setUrl(url);
  }

  user(openid: string, appId?: string): User {
    return new User(this.half, this.account(appId), checkOpenid(openid));
  }

  /** The account `appId`, or the first one; a ConfigError for an unknown appId. */
  account(appId: string | undefined): SimAccount {
    const found = appId === undefined ? this.accounts.values().next().value : this.accounts.get(appId);
    if (found === undefined) {
      throw new ConfigError('appId', `${JSON.stringify(appId)} is not one of the simulator's apps`);
    }
    return found;
  }

  setWebhook(appId: string, url: string | undefined, options?: WebhookOptions): void {
    this.account(appId).configure(url, options, `setWebhook(${appId})`);
    this.chat.configChanged();
  }

  onEntry(listener: (entry: ChatEntry, conversation: { appId: string; openid: string }) => void): () => void {
    return this.chat.subscribe((event) => {
      if (event.type === 'entry') listener(event.entry, { appId: event.appId, openid: event.openid });
    });
  }

  /** Releases everything but the server: hooks, page streams, waiting calls, delays, sockets. */
  async dispose(): Promise<void> {
    for (const stop of this.#unsubscribe.splice(0)) stop();
    this.streams.close();
    this.chat.close();
    this.api.close();
    await this.#agent.destroy();
  }
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
