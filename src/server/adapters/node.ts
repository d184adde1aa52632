import type { ServeResponse } from '../http.js';
import { type AdapterCore, isResponse, readRequest } from './core.js';
import { FIXES, type NodeHandler } from './types.js';

export type { NodeHandler } from './types.js';

/** node:http adapter; a body parser in the way goes to `next(error)` (Express) or answers 500. */
export function nodeHandler(core: AdapterCore): NodeHandler {
  return async (req, res, next) => {
    let response: ServeResponse;
    try {
      const { method = 'GET', url = '/', rawBody, body, headers, readableEnded } = req;
      const raw = {
        method,
        url,
        rawBody,
        body,
        contentLength: headers['content-length'],
        consumed: readableEnded,
      };
      const request = await readRequest(core, { ...raw, stream: req }, FIXES.node);
      response = isResponse(request) ? request : await core.serve(request);
    } catch (error) {
      if (next) return next(error);
      response = core.refuse(error);
    }
    res.writeHead(response.status, response.headers).end(response.body);
  };
}
