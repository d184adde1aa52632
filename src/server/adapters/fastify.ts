import { type AdapterCore, isResponse, readRequest } from './core.js';
import { type FastifyHandler, FIXES } from './types.js';

export type { FastifyHandler } from './types.js';

/** Fastify adapter: the body comes from a buffer content parser (README); a parsed object throws. */
export function fastifyHandler(core: AdapterCore): FastifyHandler {
  return async (request, reply) => {
    const { method, url, rawBody, body } = request;
    // Fastify has read the stream already; without a buffer parser the body is an object.
    const raw = {
      method,
      url,
      rawBody,
      body,
      contentLength: request.headers['content-length'],
      consumed: true,
    };
    const served = await readRequest(core, raw, FIXES.fastify);
    const response = isResponse(served) ? served : await core.serve(served);
    return reply.code(response.status).headers(response.headers).send(response.body);
  };
}
