import type { ServeResponse } from '../http.js';
import { type AdapterCore, type RawRequest, respond } from './core.js';
import { FIXES, type NodeHandler, type NodeRequest, type NodeResponse } from './types.js';

export type { NodeHandler } from './types.js';

/** node:http adapter; a body parser in the way goes to `next(error)` (Express) or answers 500. */
export function nodeHandler(core: AdapterCore): NodeHandler {
  const send = (res: NodeResponse, r: ServeResponse) => void res.writeHead(r.status, r.headers).end(r.body);
  return (req, res, next) =>
    respond(core, rawOf(req), FIXES.node).then(
      (response) => send(res, response),
      (error: unknown) => (next ? next(error) : send(res, core.refuse(error))),
    );
}

/** Plain property reads, no copies: `rawBody`/`body` are set by Express body parsers, if any. */
function rawOf(req: NodeRequest): RawRequest {
  return {
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    contentLength: req.headers?.['content-length'],
    rawBody: req.rawBody,
    body: req.body,
    stream: req,
    consumed: req.readableEnded,
  };
}
