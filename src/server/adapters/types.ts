/**
 * The framework objects adapters touch, as structural types: no adapter imports a framework
 * (DESIGN §1.1), so none is a dependency.
 */
import type { NodeStream } from './read-body.js';

/** node:http's `IncomingMessage` (and Express's `Request`). */
export interface NodeRequest extends NodeStream {
  method?: string | undefined;
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** True once a body parser has read the stream. */
  readableEnded?: boolean;
  body?: unknown;
  rawBody?: unknown;
}

/** node:http's `ServerResponse`. */
export interface NodeResponse {
  writeHead(status: number, headers: Record<string, string>): { end(body: string): unknown };
}

/** Koa's context, the parts used. */
export interface KoaContext {
  method: string;
  url: string;
  path: string;
  req: NodeRequest;
  request: { body?: unknown; rawBody?: unknown };
  status: number;
  body: unknown;
  set(headers: Record<string, string>): void;
}

/** Fastify's request and reply, the parts used. */
export interface FastifyRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  rawBody?: unknown;
}

export interface FastifyReply {
  code(status: number): FastifyReply;
  headers(headers: Record<string, string>): FastifyReply;
  send(body: string): unknown;
}

/** The `ctx` of Cloudflare-style fetch handlers (and Next.js `after`), for follow-up work. */
export interface WaitUntilContext {
  waitUntil?(promise: Promise<unknown>): void;
}

/** `(req, res, next?)` for node:http, Express and NestJS. */
export type NodeHandler = (
  req: NodeRequest,
  res: NodeResponse,
  next?: (error?: unknown) => void,
) => Promise<void>;

/** Koa middleware. */
export type KoaMiddleware = (ctx: KoaContext, next: () => Promise<unknown>) => Promise<void>;

export interface KoaMiddlewareOptions {
  /** Answer only this path (e.g. `/wechat`) and pass other requests on. @default every request */
  path?: string;
}

/** A Fastify route handler. */
export type FastifyHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** `Request → Response` for Hono, Next.js route handlers, Bun, Deno, Workers. */
export type FetchHandler = (request: Request, context?: WaitUntilContext) => Promise<Response>;

export interface FetchHandlerOptions {
  /** Keeps follow-up work alive after the response (`ctx.waitUntil`, Next.js `after`). */
  waitUntil?: (promise: Promise<unknown>) => void;
}

/** What each framework's ConfigError says to do when a body parser took the raw body. */
export const FIXES = {
  node: "Mount this handler before express.json()/express.text(), or give its route express.raw({ type: '*/*' }).",
  koa: 'Mount this middleware before koa-bodyparser, or use a body parser that keeps ctx.request.rawBody.',
  fastify:
    "In the plugin holding this route call fastify.removeAllContentTypeParsers() and fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body, done) => done(null, body)).",
  fetch:
    'Hand the Request to this handler before reading its body (Hono: pass c.req.raw, not after c.req.json()).',
} as const;
