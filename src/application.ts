import { ApiClient } from './api/api-client.js';
import { CustomerService } from './api/customer-service.js';
import { Media } from './api/media.js';
import { Typing } from './api/typing.js';
import { AccessTokenManager } from './auth/access-token.js';
import { HttpClient } from './http/client.js';
import {
  type AccountKind,
  type ApplicationOptions,
  type Credentials,
  resolveOptions,
  type Settings,
} from './options.js';
import { Server } from './server/server.js';

/**
 * One WeChat account (mini program or official account): sending, tokens, media and push
 * handling. Several Applications live side by side; there is no global state.
 *
 * @example
 * const app = new Application({ appId: 'wx…', secret, token, aesKey });
 * app.server.push((message) => (message.MsgType === 'text' ? new TransferCustomerService() : undefined));
 * await app.customerService.message(new Text('你好')).to(openid).send();
 */
export class Application<K extends AccountKind = 'miniprogram'> {
  readonly #settings: Settings<K>;
  readonly #credentials: Credentials;
  #http: HttpClient | undefined;
  #api: ApiClient | undefined;
  #accessToken: AccessTokenManager | undefined;
  #customerService: CustomerService<K> | undefined;
  #typing: Typing | undefined;
  #media: Media | undefined;
  #server: Server<K> | undefined;

  constructor(options: ApplicationOptions<K>) {
    const { settings, credentials } = resolveOptions(options);
    this.#settings = settings;
    this.#credentials = credentials;
  }

  get appId(): string {
    return this.#settings.appId;
  }

  get kind(): K {
    return this.#settings.kind;
  }

  /** Access tokens: `getToken({ forceRefresh })`, `setToken(token, ttlMs)`. */
  get accessToken(): AccessTokenManager {
    this.#accessToken ??= new AccessTokenManager(this.#settings, this.#credentials, this.#httpClient());
    return this.#accessToken;
  }

  /** Customer-service messages: `message(m).to(openid).send()`. */
  get customerService(): CustomerService<K> {
    this.#customerService ??= new CustomerService(this.#apiClient(), this.#settings);
    return this.#customerService;
  }

  /** The typing indicator: `typing.set(openid, 'Typing' | 'CancelTyping')`. */
  get typing(): Typing {
    this.#typing ??= new Typing(this.#apiClient(), this.#settings);
    return this.#typing;
  }

  /** Temporary media: `upload`, `get`, `stream`. */
  get media(): Media {
    this.#media ??= new Media(this.#apiClient(), this.#settings);
    return this.#media;
  }

  /** Push handling: `push`, `on`, `use`, `onError`, `serve` and the framework adapters. */
  get server(): Server<K> {
    this.#server ??= new Server(this.#settings, this.#credentials, {
      customerService: () => this.customerService,
      typing: () => this.typing,
    });
    return this.#server;
  }

  #httpClient(): HttpClient {
    this.#http ??= new HttpClient(this.#settings);
    return this.#http;
  }

  #apiClient(): ApiClient {
    this.#api ??= new ApiClient(this.#httpClient(), this.accessToken);
    return this.#api;
  }

  /**
   * Closes the keep-alive connections to WeChat's API. Idle sockets do not keep the process
   * alive, so this is for tests, graceful shutdowns and serverless handlers that reuse nothing.
   * A dispatcher passed in `http.dispatcher` is yours to close.
   */
  async close(): Promise<void> {
    await this.#http?.close();
  }

  /** Never prints credentials. */
  toJSON(): { appId: string; kind: K } {
    return { appId: this.appId, kind: this.kind };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Application { appId: '${this.appId}', kind: '${this.kind}' }`;
  }
}
