import { type AdapterCore, isResponse, readRequest } from './core.js';
import { FIXES, type KoaMiddleware, type KoaMiddlewareOptions } from './types.js';

export type { KoaMiddleware, KoaMiddlewareOptions } from './types.js';

/** Koa adapter; a parsed body without a raw copy throws a ConfigError (Koa answers 500). */
export function koaMiddleware(core: AdapterCore, options: KoaMiddlewareOptions): KoaMiddleware {
  return async (ctx, next) => {
    if (options.path !== undefined && ctx.path !== options.path) return void (await next());
    const { req, request } = ctx;
    const length = req.headers['content-length'];
    const raw = {
      method: ctx.method,
      url: ctx.url,
      contentLength: length,
      stream: req,
      consumed: req.readableEnded,
    };
    const served = await readRequest(
      core,
      { ...raw, rawBody: request.rawBody, body: request.body },
      FIXES.koa,
    );
    const response = isResponse(served) ? served : await core.serve(served);
    ctx.status = response.status;
    ctx.set(response.headers);
    ctx.body = response.body;
  };
}
