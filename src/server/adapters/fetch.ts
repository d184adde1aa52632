import { ConfigError } from '../../errors.js';
import type { ServeResponse } from '../http.js';
import { type AdapterCore, respond } from './core.js';
import { type FetchHandler, type FetchHandlerOptions, FIXES } from './types.js';

export type { FetchHandler, FetchHandlerOptions } from './types.js';

const toResponse = (r: ServeResponse) => new Response(r.body, { status: r.status, headers: r.headers });

/** Fetch adapter; with `waitUntil`, late handlers and API deliveries continue after the response. */
export function fetchHandler(core: AdapterCore, options: FetchHandlerOptions): FetchHandler {
  return async (request, context) => {
    if (request.bodyUsed) throw new ConfigError('body', `the Request body was already read. ${FIXES.fetch}`);
    const raw = {
      method: request.method,
      url: request.url,
      contentLength: request.headers.get('content-length'),
      stream: request.body,
    };
    const waitUntil = options.waitUntil ?? context?.waitUntil?.bind(context);
    return toResponse(await respond(core, raw, FIXES.fetch, waitUntil));
  };
}
