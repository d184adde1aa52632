import { type AdapterCore, respond } from './core.js';
import { type FastifyHandler, FIXES } from './types.js';

export type { FastifyHandler } from './types.js';

/** Fastify adapter: the body comes from a buffer content parser (README); a parsed object throws. */
export function fastifyHandler(core: AdapterCore): FastifyHandler {
  return async (request, reply) => {
    // Fastify has read the stream already; without a buffer parser the body is an object.
    const raw = {
      method: request.method,
      url: request.url,
      rawBody: request.rawBody,
      body: request.body,
      contentLength: request.headers['content-length'],
      consumed: true,
    };
    const response = await respond(core, raw, FIXES.fastify);
    return reply.code(response.status).headers(response.headers).send(response.body);
  };
}
