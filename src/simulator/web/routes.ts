import type { IncomingMessage, ServerResponse } from 'node:http';
import { isWeChatError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { readBody } from '../api/body.js';
import type { MountedFakeApi } from '../api/mount.js';
import type { ChatStore } from '../chat/store.js';
import type { SimAccount } from '../user/account.js';
import { runAction, type UserLookup } from './actions.js';
import { ASSETS } from './assets.js';
import type { EventStreams } from './sse.js';

/** Base64 of a 10 MB picture plus the rest of the action. */
const MAX_ACTION_BYTES = 16 * 1024 * 1024;

/** What the routes serve from. */
export interface WebContext {
  readonly api: MountedFakeApi;
  readonly chat: ChatStore;
  readonly streams: EventStreams;
  readonly accounts: ReadonlyMap<string, SimAccount>;
  readonly lookup: UserLookup;
  readonly logger: Logger;
}

/**
 * The simulator's one request handler: `/cgi-bin/…` is the fake WeChat API; the rest is the chat
 * page (`/chat` + assets), its state (`/sim/state`), live events (`/sim/events`), user actions
 * (`POST /sim/action`) and the media store (`/media/<appId>/<mediaId>`).
 */
export function requestHandler(
  context: WebContext,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const path = (request.url ?? '/').split('?', 1)[0] ?? '/';
    if (path.startsWith('/cgi-bin/')) return context.api.handle(request, response);
    route(request, response, path, context).catch((error: unknown) => {
      context.logger.error({ error }, 'simulator: a page request failed');
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal Server Error');
      else response.destroy();
    });
  };
}

async function route(request: IncomingMessage, response: ServerResponse, path: string, context: WebContext) {
  const method = request.method ?? 'GET';
  if (method === 'POST' && path === '/sim/action') return action(request, response, context);
  if (method !== 'GET' && method !== 'HEAD')
    return send(response, 405, 'text/plain; charset=utf-8', 'Method Not Allowed');
  if (path === '/') {
    response.writeHead(302, { Location: '/chat' }).end();
    return;
  }
  const asset = ASSETS[path];
  if (asset !== undefined) return send(response, 200, asset.contentType, asset.body);
  if (path === '/sim/state') return send(response, 200, JSON_TYPE, JSON.stringify(state(context)));
  if (path === '/sim/events') return context.streams.open(response);
  if (path.startsWith('/media/')) return media(response, path, context);
  send(response, 404, 'text/plain; charset=utf-8', 'Not Found');
}

const JSON_TYPE = 'application/json; charset=utf-8';

function state(context: WebContext) {
  return {
    apps: [...context.accounts.values()].map((account) => ({
      appId: account.appId,
      kind: account.kind,
      originalId: account.originalId,
      webhook: account.webhook ?? null,
    })),
    conversations: context.chat.snapshot(),
  };
}

async function action(request: IncomingMessage, response: ServerResponse, context: WebContext) {
  // JSON only: a cross-site form cannot send it without a CORS preflight, which is never allowed.
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
    return send(response, 415, JSON_TYPE, JSON.stringify({ error: 'send application/json' }));
  }
  const body = await readBody(request, MAX_ACTION_BYTES);
  if (body.tooLarge) {
    response.setHeader('Connection', 'close');
    return send(response, 413, JSON_TYPE, JSON.stringify({ error: 'too large' }));
  }
  try {
    const outcome = await runAction(JSON.parse(body.body.toString('utf8')), context.lookup);
    send(response, 200, JSON_TYPE, JSON.stringify(outcome));
  } catch (error) {
    if (!(error instanceof SyntaxError) && !isWeChatError(error)) throw error;
    send(response, 400, JSON_TYPE, JSON.stringify({ error: error.message }));
  }
}

function media(response: ServerResponse, path: string, context: WebContext) {
  const [, , appId = '', mediaId = ''] = path.split('/').map(safeDecode);
  const stored = context.accounts.has(appId) ? context.api.world.getMedia(appId, mediaId) : undefined;
  if (stored === undefined) return send(response, 404, 'text/plain; charset=utf-8', 'Not Found');
  send(response, 200, stored.contentType, stored.data);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  response.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy':
      "default-src 'self'; img-src 'self' data: http: https:; frame-ancestors 'none'",
  });
  response.end(body);
}
