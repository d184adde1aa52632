import type { CustomerService } from '../api/customer-service.js';
import type { Typing } from '../api/typing.js';
import type { InboundFor, InboundMessage } from '../messages/inbound.js';
import type { MessageFor } from '../messages/kinds.js';
import type { OutgoingMessage } from '../messages/message.js';
import type { AccountKind, Credentials, Settings } from '../options.js';
import type { AdapterCore } from './adapters/core.js';
import { type FastifyHandler, fastifyHandler } from './adapters/fastify.js';
import { type FetchHandler, type FetchHandlerOptions, fetchHandler } from './adapters/fetch.js';
import { type KoaMiddleware, type KoaMiddlewareOptions, koaMiddleware } from './adapters/koa.js';
import { type NodeHandler, nodeHandler } from './adapters/node.js';
import type { Condition, KeysOf } from './conditions.js';
import type { ContextServices, TypingCommand } from './context.js';
import type { ServeRequest, ServeResponse } from './http.js';
import { type Handled, PushPipeline } from './pipeline.js';
import type { PushQuery } from './query.js';
import { type ErrorHandler, type Handler, type Middleware, Router } from './router.js';

/** The services a server calls, as lazy getters (the app builds them on first use). */
export interface ServerServices<K extends AccountKind> {
  customerService: () => CustomerService<K>;
  typing: () => Typing;
}

/** WeChat waits 5 s (SPEC §3.2); `waitForHandlers` warns beyond it. */
const WECHAT_TIMEOUT = 5_000;

/**
 * Receives pushes (DESIGN §7): `push`/`on`/`use`/`onError` register the chain; `serve()` is the
 * framework-neutral core; `toNodeHandler()`, `toKoaMiddleware()`, `toFastifyHandler()` and
 * `toFetchHandler()` adapt it. Get it as `app.server`.
 *
 * @example
 * app.server.on('text', (message) => new TransferCustomerService());
 * http.createServer(app.server.toNodeHandler()).listen(3000);
 */
export class Server<K extends AccountKind> {
  readonly #settings: Settings<K>;
  readonly #router: Router<K>;
  readonly #pipeline: PushPipeline<K>;

  /** @internal Built by Application (get it as `app.server`); the arguments are internal types. */
  constructor(settings: Settings<K>, credentials: Credentials, services: ServerServices<K>) {
    this.#settings = settings;
    this.#router = new Router<K>(settings.logger);
    this.#pipeline = new PushPipeline(settings, credentials, this.#router, contextServices(services));
  }

  /**
   * Adds a handler for pushes matching `condition` (EasyWeChat shape). Handlers run in
   * registration order; the first to return something other than `undefined`/`true` answers.
   *
   * @param condition `'*'` (default), a `MsgType`, `'event.<Event>'`, or an array of these.
   * @example app.server.push((message) => new TransferCustomerService(), ['text', 'image']);
   */
  push<const C extends Condition = '*'>(handler: Handler<InboundFor<KeysOf<C>>, K>, condition?: C): this {
    this.#router.add(handler as Handler<InboundMessage, K>, condition ?? '*');
    return this;
  }

  /**
   * Adds a handler for `key`, its message narrowed to that kind.
   *
   * @example app.server.on('event.user_enter_tempsession', (m) => stats.track(m.SessionFrom));
   */
  on<const C extends Condition>(condition: C, handler: Handler<InboundFor<KeysOf<C>>, K>): this {
    this.#router.add(handler as Handler<InboundMessage, K>, condition);
    return this;
  }

  /** Adds middleware, run before the handlers: `async (message, next, ctx) => next()`. */
  use(middleware: Middleware<K>): this {
    this.#router.use(middleware);
    return this;
  }

  /** Receives what handlers throw and failed deliveries of their replies; the push is still answered `success`. */
  onError(handler: ErrorHandler): this {
    this.#router.onError(handler);
    return this;
  }

  /**
   * Handles one request: GET verification or a POST push. Never throws; refusals are status
   * codes (400 malformed, 401 signature/timestamp, 405, 413, 415).
   *
   * @example const { status, headers, body } = await app.server.serve({ method, url, headers, body: rawBody });
   */
  serve(request: ServeRequest): Promise<ServeResponse> {
    try {
      const answer = this.#answer(request, undefined);
      return answer instanceof Promise ? answer : Promise.resolve(answer);
    } catch (error) {
      return Promise.reject(error); // only a throwing logger gets here; serve() still only rejects
    }
  }

  /**
   * `serve()`, given the query when an adapter parsed it already, and synchronous in the common
   * case (answered at once, nothing to wait for): adapters then make no promise of their own.
   */
  #answer(request: ServeRequest, query: PushQuery | undefined): ServeResponse | Promise<ServeResponse> {
    const waits = this.#settings.server.waitForHandlers;
    const started = waits ? this.#settings.clock() : 0;
    const handled = this.#pipeline.handle(request, query);
    if (handled instanceof Promise) return handled.then((done) => this.#settle(done, started));
    if (handled.pending === undefined || !waits) return handled.response;
    return this.#settle(handled, started);
  }

  /** The response, after the follow-up work when `waitForHandlers` asks for it. */
  async #settle({ response, pending }: Handled, started: number): Promise<ServeResponse> {
    if (pending !== undefined && this.#settings.server.waitForHandlers) {
      await pending;
      const elapsed = this.#settings.clock() - started;
      if (elapsed > WECHAT_TIMEOUT) {
        this.#settings.logger.warn(
          { elapsed },
          'waitForHandlers: answered after WeChat’s 5 s; the user may see an error and WeChat retries',
        );
      }
    }
    return response;
  }

  /** For node:http, Express and NestJS: `(req, res, next?)`. */
  toNodeHandler(): NodeHandler {
    return nodeHandler(this.#adapterCore());
  }

  /** For Koa: answers every request it sees, or only `options.path`. */
  toKoaMiddleware(options: KoaMiddlewareOptions = {}): KoaMiddleware {
    return koaMiddleware(this.#adapterCore(), options);
  }

  /** For a Fastify route; register a buffer content parser (README). */
  toFastifyHandler(): FastifyHandler {
    return fastifyHandler(this.#adapterCore());
  }

  /** For fetch runtimes (Hono, Next.js route handlers, Bun, Deno): `Request → Response`. */
  toFetchHandler(options: FetchHandlerOptions = {}): FetchHandler {
    return fetchHandler(this.#adapterCore(), options);
  }

  #adapterCore(): AdapterCore {
    return {
      serve: (request, query) => this.#answer(request, query),
      handle: async (request, query) => this.#pipeline.handle(request, query),
      precheck: (method, url, length) => this.#pipeline.precheck(method, url, length),
      refuse: (error) => this.#pipeline.refuse(error),
      maxBodyBytes: this.#settings.server.maxBodyBytes,
      waitForHandlers: this.#settings.server.waitForHandlers,
    };
  }

  toJSON(): { appId: string } {
    return { appId: this.#settings.appId };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Server { appId: '${this.#settings.appId}' }`;
  }
}

function contextServices<K extends AccountKind>(services: ServerServices<K>): ContextServices {
  return {
    send: async (openid: string, message: OutgoingMessage | string) => {
      await services
        .customerService()
        .message(message as MessageFor<K>)
        .to(openid)
        .send();
    },
    typing: async (openid: string, command: TypingCommand) => {
      await services.typing().set(openid, command);
    },
  };
}
