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
