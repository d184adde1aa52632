import { ipListRoute } from './info-routes.js';
import { downloadRoute, uploadRoute, VIDEO_PREFIX, videoRoute } from './media-routes.js';
import { notFoundReply } from './reply.js';
import { sendRoute } from './send-route.js';
import type { Route } from './services.js';
import { classicTokenRoute, stableTokenRoute } from './token-routes.js';
import { typingRoute } from './typing-route.js';

/** The endpoints of SPEC §4–§7, by exact path (no query). */
const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  ['/cgi-bin/token', classicTokenRoute],
  ['/cgi-bin/stable_token', stableTokenRoute],
  ['/cgi-bin/message/custom/send', sendRoute(false)],
  ['/cgi-bin/message/custom/business/send', sendRoute(true)],
  ['/cgi-bin/message/custom/business/typing', typingRoute('miniprogram')],
  ['/cgi-bin/message/custom/typing', typingRoute('official-account')],
  ['/cgi-bin/media/upload', uploadRoute],
  ['/cgi-bin/media/get', downloadRoute],
  ['/cgi-bin/getcallbackip', ipListRoute],
  ['/cgi-bin/get_api_domain_ip', ipListRoute],
]);

/**
 * The route for `path`. Unknown paths answer HTTP 404 (a plain-text "Not Found", no errcode): a
 * wrong path is a bug in the caller, which should surface as an HTTP error rather than as a
 * WeChat errcode it might retry.
 */
export function routeFor(path: string): Route {
  const route = ROUTES.get(path);
  if (route !== undefined) return route;
  if (path.startsWith(VIDEO_PREFIX)) return (context) => videoRoute(context) ?? notFoundReply();
  return notFoundReply;
}
