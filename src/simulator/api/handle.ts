import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './body.js';
import { clientIp } from './client-ip.js';
import type { Delays } from './delays.js';
import { ApiFailure, errmsgFor } from './errcodes.js';
import { errorReply, type Reply } from './reply.js';
import { routeFor } from './router.js';
import type { RouteContext, Services } from './services.js';
import type { Fault } from './types.js';

/**
 * One request: an injected fault for its path comes first (SPEC-independent test hook), then the
 * route. Every failure becomes an answer; nothing here throws.
 */
export async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  services: Services,
  delays: Delays,
): Promise<void> {
  const url = request.url ?? '/';
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : url.slice(queryAt + 1));
  const method = request.method ?? 'GET';
  const log = (status: number, errcode: number | undefined): void =>
    services.requests.push({ method, path, query: [...query.keys()], status, errcode, at: services.clock() });
  const fault = services.faults.take(path);
  if (fault !== undefined && 'destroy' in fault) {
    log(0, undefined);
    request.socket.destroy();
    return;
  }
  if (fault !== undefined && 'delayMs' in fault && !(await delays.wait(fault.delayMs))) return;
  let closeAfter = false;
  const context: RouteContext = {
    method,
    path,
    query,
    contentType: request.headers['content-type'],
    ip: clientIp(request.socket.remoteAddress),
    now: services.clock(),
    services,
    readBody: async (limit) => {
      const result = await readBody(request, limit);
      closeAfter ||= result.tooLarge;
      return result;
    },
  };
  const reply = faultReply(fault, context.now) ?? (await runRoute(context));
  write(response, reply, closeAfter);
  log(reply.status, reply.errcode);
}

function faultReply(fault: Fault | undefined, now: number): Reply | undefined {
  if (fault !== undefined && 'errcode' in fault) {
    return errorReply(fault.errcode, fault.errmsg ?? errmsgFor(fault.errcode), now);
  }
  if (fault !== undefined && 'status' in fault) {
    return {
      status: fault.status,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
      body: fault.body ?? '',
    };
  }
  return undefined;
}

async function runRoute(context: RouteContext): Promise<Reply> {
  try {
    return await routeFor(context.path)(context);
  } catch (error) {
    if (error instanceof ApiFailure) return errorReply(error.errcode, error.errmsg, context.now);
    return errorReply(-1, errmsgFor(-1), context.now);
  }
}

function write(response: ServerResponse, reply: Reply, closeAfter: boolean): void {
  if (response.destroyed || response.headersSent) return;
  response.statusCode = reply.status;
  for (const [name, value] of Object.entries(reply.headers)) response.setHeader(name, value);
  response.setHeader('Content-Length', Buffer.byteLength(reply.body));
  // A body left unread past its limit must not be parsed as the next request on this connection.
  if (closeAfter) response.setHeader('Connection', 'close');
  response.end(reply.body);
}
