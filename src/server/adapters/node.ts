import type { ServeResponse } from '../http.js';
import { type AdapterCore, isResponse, readRequest } from './core.js';
import type { NodeRequest, NodeResponse } from './types.js';

/** `(req, res, next?)` for node:http, Express and NestJS. */
export type NodeHandler = (
  req: NodeRequest,
  res: NodeResponse,
  next?: (error?: unknown) => void,
) => Promise<void>;

const FIX =
  "Mount this handler before express.json()/express.text(), or give its route express.raw({ type: '*/*' }).";

/** node:http adapter; a body parser in the way goes to `next(error)` (Express) or answers 500. */
export function nodeHandler(core: AdapterCore): NodeHandler {
  return async (req, res, next) => {
    let response: ServeResponse;
    try {
      const { method = 'GET', url = '/', rawBody, body } = req;
      const raw = { method, url, rawBody, body, contentLength: req.headers['content-length'] };
      const request = await readRequest(
        core,
        { ...raw, stream: req, consumed: req.readableEnded === true },
        FIX,
      );
      response = isResponse(request) ? request : await core.serve(request);
    } catch (error) {
      if (next) return next(error);
      response = core.refuse(error);
    }
    res.writeHead(response.status, response.headers).end(response.body);
  };
}
