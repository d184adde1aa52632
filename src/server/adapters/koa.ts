import { type AdapterCore, isResponse, readRequest } from './core.js';
import type { KoaContext } from './types.js';

/** Koa middleware. */
export type KoaMiddleware = (ctx: KoaContext, next: () => Promise<unknown>) => Promise<void>;

export interface KoaMiddlewareOptions {
  /** Answer only this path (e.g. `/wechat`) and pass other requests on. @default every request */
  path?: string;
}

const FIX =
  'Mount this middleware before koa-bodyparser, or use a body parser that keeps ctx.request.rawBody.';

/** Koa adapter; a parsed body without a raw copy throws a ConfigError (Koa answers 500). */
export function koaMiddleware(core: AdapterCore, options: KoaMiddlewareOptions): KoaMiddleware {
  return async (ctx, next) => {
    if (options.path !== undefined && ctx.path !== options.path) return void (await next());
    const { rawBody, body } = ctx.request;
    const raw = {
      method: ctx.method,
      url: ctx.url,
      rawBody,
      body,
      contentLength: ctx.req.headers['content-length'],
    };
    const request = await readRequest(
      core,
      { ...raw, stream: ctx.req, consumed: ctx.req.readableEnded === true },
      FIX,
    );
    const response = isResponse(request) ? request : await core.serve(request);
    ctx.status = response.status;
    ctx.set(response.headers);
    ctx.body = response.body;
  };
}
