import { HandlerError, PayloadTooLargeError } from '../errors.js';
import type { OutgoingMessage } from '../messages/message.js';
import type { AccountKind, Credentials, Settings } from '../options.js';
import { bodyText } from './body-text.js';
import { Context, type ContextServices } from './context.js';
import { Deadlines, LATE } from './deadline.js';
import { Deduplicator } from './dedupe.js';
import { envelope } from './envelope.js';
import {
  documentResponse,
  errorResponse,
  type ServeRequest,
  type ServeResponse,
  success,
  textResponse,
} from './http.js';
import { type PushQuery, parsePushQuery } from './query.js';
import { Rejection, statusOf } from './rejection.js';
import { type Decision, decide, renderPassive } from './respond.js';
import type { ChainOutcome, Router } from './router.js';
import { signParts } from './signature.js';
import { PushVerifier, type VerifiedPush } from './verify.js';

/** A response, and the work that goes on after it (late handlers, API deliveries). Never rejects. */
export interface Handled {
  response: ServeResponse;
  pending: Promise<void> | undefined;
}

/**
 * The push pipeline behind `serve()` (DESIGN §7): verify, de-duplicate, dispatch under the
 * deadline, answer. Every failure becomes a status code; nothing escapes as an exception.
 */
export class PushPipeline<K extends AccountKind> {
  readonly #settings: Settings<K>;
  readonly #verifier: PushVerifier;
  readonly #dedupe: Deduplicator;
  readonly #router: Router<K>;
  readonly #services: ContextServices;
  readonly #deadlines: Deadlines;

  constructor(settings: Settings<K>, credentials: Credentials, router: Router<K>, services: ContextServices) {
    this.#settings = settings;
    this.#deadlines = new Deadlines(settings.server.deadline);
    this.#verifier = new PushVerifier(settings, credentials);
    this.#dedupe = new Deduplicator(settings);
    this.#router = router;
    this.#services = services;
  }

  /**
   * Handles one request. Synchronous when nothing on the way is asynchronous (no de-duplication
   * store to ask, handlers that return their reply directly): an `await` of a settled value still
   * costs a turn of the microtask queue (DESIGN §1.7). Never throws, never rejects.
   */
  handle(request: ServeRequest, parsedQuery?: PushQuery): Handled | Promise<Handled> {
    try {
      const query = parsedQuery ?? parsePushQuery(String(request.url));
      if (query === undefined) throw malformedQuery();
      const method = String(request.method).toUpperCase();
      if (method === 'GET') return answered(textResponse(200, this.#verifier.checkVerification(query)));
      if (method !== 'POST') throw new Rejection(405, `method ${method} not allowed`);
      const token = this.#verifier.checkSignature(query);
      const push = this.#verifier.openPush(
        query,
        token,
        bodyText(request.body, this.#settings.server.maxBodyBytes),
      );
      if (push.probe) return answered(success());
      if (!this.#settings.server.dedupe) return this.#dispatch(push, query);
      return this.#dedupe
        .seen(query, push.message)
        .then((seen) => (seen ? answered(success()) : this.#dispatch(push, query)))
        .catch((error: unknown) => answered(this.#refuse(error)));
    } catch (error) {
      return answered(this.#refuse(error));
    }
  }

  /**
   * For adapters, before they read a stream: the parsed query (so it is parsed once per request),
   * or the answer that needs no body: 405, a POST without `signature` (401), a Content-Length over
   * the limit (413). `undefined` leaves a malformed query of a GET to {@link handle}.
   */
  precheck(
    method: string,
    url: string,
    contentLength: number | undefined,
  ): PushQuery | ServeResponse | undefined {
    const upper = method.toUpperCase();
    if (upper !== 'POST' && upper !== 'GET')
      return this.#refuse(new Rejection(405, `method ${upper} not allowed`));
    const query = parsePushQuery(url);
    if (upper === 'GET') return query;
    // As serve() answers it: a query that does not decode is malformed (400), not unsigned (401).
    if (query === undefined) return this.#refuse(malformedQuery());
    if (query.signature === undefined) return errorResponse(401);
    const limit = this.#settings.server.maxBodyBytes;
    if (contentLength !== undefined && contentLength > limit)
      return this.#refuse(new PayloadTooLargeError(limit));
    return query;
  }

  /** The logged error response for `error` (also for adapters' body-reading errors). */
  refuse(error: unknown): ServeResponse {
    return this.#refuse(error);
  }

  #refuse(error: unknown): ServeResponse {
    const status = statusOf(error);
    const logger = this.#settings.logger;
    const reason = error instanceof Error ? error.message : String(error);
    if (status === 500) logger.error({ err: error }, 'push handling failed unexpectedly');
    else if (status === 405) logger.debug({ status, reason }, 'push refused');
    else logger.warn({ status, reason }, 'push refused');
    return errorResponse(status);
  }

  #dispatch(push: VerifiedPush, query: PushQuery): Handled | Promise<Handled> {
    const ctx = new Context(this.#settings, push, this.#services);
    const chain = this.#router.run(push.message, ctx);
    // A chain that finished synchronously cannot have missed the deadline: no race to run.
    if (!(chain instanceof Promise)) return this.#finish(chain, push, query, ctx);
    return this.#deadlines.race(chain).then((outcome) => {
      if (outcome !== LATE) return this.#finish(outcome, push, query, ctx);
      const pending = chain.then((late) => this.#deliverLate(late, push)).then(() => ctx.settled());
      return { response: success(), pending: pending.then(noop, this.#logFailure) };
    });
  }

  #finish(
    outcome: ChainOutcome,
    push: VerifiedPush,
    query: PushQuery,
    ctx: Context<K>,
  ): Handled | Promise<Handled> {
    const decision = this.#decide(outcome, push);
    if (decision instanceof Promise) return decision.then((d) => this.#answer(d, push, query, ctx));
    return this.#answer(decision, push, query, ctx);
  }

  #answer(decision: Decision, push: VerifiedPush, query: PushQuery, ctx: Context<K>): Handled {
    let response: ServeResponse;
    let delivery: Promise<void> | undefined;
    switch (decision.action) {
      case 'refuse-transfer':
        this.#settings.logger.warn(
          { Event: eventOf(push) },
          'an event cannot be transferred to customer service; answered success',
        );
        response = success();
        break;
      case 'send':
        response = success();
        delivery = this.#deliver(decision.message, push);
        break;
      case 'passive':
        response = this.#passive(decision, push, query);
        break;
      default:
        response = success();
    }
    const started = ctx.settled();
    // Most pushes start no delivery: then there is nothing to wait for, and no promise to make.
    if (delivery === undefined && started === undefined) return { response, pending: undefined };
    return { response, pending: Promise.all([delivery, started]).then(noop, this.#logFailure) };
  }

  /** The decision for the chain's result; a result that is no reply goes to the error handlers. */
  #decide(outcome: ChainOutcome, push: VerifiedPush): Decision | Promise<Decision> {
    try {
      return decide(outcome.result, push);
    } catch (error) {
      return this.#router.report(new HandlerError(push.message, error), push.message).then(() => ACK);
    }
  }

  #passive(decision: Decision & { action: 'passive' }, push: VerifiedPush, query: PushQuery): ServeResponse {
    const now = Math.floor(this.#settings.clock() / 1000);
    const document = renderPassive(decision.message, push, now);
    const cipher = push.cipher;
    if (cipher === undefined) return documentResponse(push.format, document);
    // Encrypted into the signed envelope of SPEC §2.5, echoing the push's nonce.
    const nonce = query.nonce ?? '';
    const encrypt = cipher.encrypt(document);
    const msgSignature = signParts(push.token, String(now), nonce, encrypt);
    return documentResponse(
      push.format,
      envelope(push.format, { encrypt, msgSignature, timeStamp: now, nonce }),
    );
  }

  /** After the deadline only the API can reach the user; a transfer cannot (DESIGN §7). */
  async #deliverLate(outcome: ChainOutcome, push: VerifiedPush): Promise<void> {
    const decision = await this.#decide(outcome, push);
    if (
      decision.action === 'send' ||
      (decision.action === 'passive' && decision.message.type !== 'transfer_customer_service')
    ) {
      return this.#deliver(decision.message, push);
    }
    if (decision.action === 'passive' || decision.action === 'refuse-transfer') {
      this.#settings.logger.warn(
        { deadline: this.#settings.server.deadline },
        'a handler asked to transfer to customer service after the deadline; WeChat was already answered success',
      );
    }
  }

  /** Sends `message` to the push's sender; a failure goes to the error handlers. */
  #deliver(message: OutgoingMessage, push: VerifiedPush): Promise<void> {
    const openid = push.message.FromUserName;
    const sent =
      typeof openid === 'string' && openid !== ''
        ? this.#services.send(openid, message)
        : Promise.reject(new Rejection(400, 'the push has no FromUserName to deliver the reply to'));
    return sent.catch((error: unknown) =>
      this.#router.report(error instanceof Error ? error : new Error(String(error)), push.message),
    );
  }

  readonly #logFailure = (error: unknown): void => {
    this.#settings.logger.error({ err: error }, 'push follow-up work failed');
  };
}

function noop(): void {}

const ACK: Decision = { action: 'ack' };

function answered(response: ServeResponse): Handled {
  return { response, pending: undefined };
}

function eventOf(push: VerifiedPush): unknown {
  return (push.message as { Event?: unknown }).Event;
}

/** A query that does not decode: 400 from serve() and from the adapters' precheck alike. */
function malformedQuery(): Rejection {
  return new Rejection(400, 'the query is not valid percent-encoding');
}
