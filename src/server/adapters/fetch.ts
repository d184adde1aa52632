import { ConfigError } from '../../errors.js';
import type { ServeResponse } from '../http.js';
import { type AdapterCore, isResponse, readRequest } from './core.js';
import { type FetchHandler, type FetchHandlerOptions, FIXES } from './types.js';

export type { FetchHandler, FetchHandlerOptions } from './types.js';

const toResponse = (r: ServeResponse) => new Response(r.body, { status: r.status, headers: r.headers });

/** Fetch adapter; with `waitUntil`, late handlers and API deliveries continue after the response. */
export function fetchHandler(core: AdapterCore, options: FetchHandlerOptions): FetchHandler {
  return async (request, context) => {
    if (request.bodyUsed) throw new ConfigError('body', `the Request body was already read. ${FIXES.fetch}`);
    const { method, url, headers, body } = request;
    const served = await readRequest(
      core,
      { method, url, contentLength: headers.get('content-length'), stream: body },
      FIXES.fetch,
    );
    if (isResponse(served)) return toResponse(served);
    const waitUntil = options.waitUntil ?? context?.waitUntil?.bind(context);
    if (waitUntil === undefined || core.waitForHandlers) return toResponse(await core.serve(served));
    const { response, pending } = await core.handle(served);
    if (pending !== undefined) waitUntil(pending);
    return toResponse(response);
  };
}
