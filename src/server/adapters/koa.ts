import { type AdapterCore, respond } from './core.js';
import { FIXES, type KoaMiddleware, type KoaMiddlewareOptions } from './types.js';

export type { KoaMiddleware, KoaMiddlewareOptions } from './types.js';

/** Koa adapter; a parsed body without a raw copy throws a ConfigError (Koa answers 500). */
export function koaMiddleware(core: AdapterCore, options: KoaMiddlewareOptions): KoaMiddleware {
  return async (ctx, next) => {
    if (options.path !== undefined && ctx.path !== options.path) return void (await next());
    const { req, request } = ctx;
    const raw = {
      method: ctx.method,
      url: ctx.url,
      contentLength: req.headers['content-length'],
      rawBody: request.rawBody,
      body: request.body,
      stream: req,
      consumed: req.readableEnded,
    };
    const response = await respond(core, raw, FIXES.koa);
    ctx.status = response.status;
    ctx.set(response.headers);
    ctx.body = response.body;
  };
}
