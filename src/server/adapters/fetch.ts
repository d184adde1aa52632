import { ConfigError } from '../../errors.js';
import type { ServeResponse } from '../http.js';
import { type AdapterCore, isResponse, readRequest } from './core.js';
import type { WaitUntilContext } from './types.js';

/** `Request → Response` for Hono, Next.js route handlers, Bun, Deno, Workers. */
export type FetchHandler = (request: Request, context?: WaitUntilContext) => Promise<Response>;

export interface FetchHandlerOptions {
  /** Keeps follow-up work alive after the response (`ctx.waitUntil`, Next.js `after`). */
  waitUntil?: (promise: Promise<unknown>) => void;
}

const FIX =
  'Hand the Request to this handler before reading its body (Hono: pass c.req.raw, not after c.req.json()).';
const toResponse = (r: ServeResponse) => new Response(r.body, { status: r.status, headers: r.headers });

/** Fetch adapter; with `waitUntil`, late handlers and API deliveries continue after the response. */
export function fetchHandler(core: AdapterCore, options: FetchHandlerOptions): FetchHandler {
  return async (request, context) => {
    if (request.bodyUsed) throw new ConfigError('body', `the Request body was already read. ${FIX}`);
    const raw = {
      method: request.method,
      url: request.url,
      contentLength: request.headers.get('content-length'),
    };
    const served = await readRequest(core, { ...raw, stream: request.body }, FIX);
    if (isResponse(served)) return toResponse(served);
    const waitUntil = options.waitUntil ?? context?.waitUntil?.bind(context);
    if (waitUntil === undefined || core.waitForHandlers) return toResponse(await core.serve(served));
    const { response, pending } = await core.handle(served);
    if (pending !== undefined) waitUntil(pending);
    return toResponse(response);
  };
}
