import { authenticate, requireMethod } from './guards.js';
import { jsonReply, type Reply } from './reply.js';
import type { RouteContext } from './services.js';

/**
 * `GET /cgi-bin/getcallbackip` and `GET /cgi-bin/get_api_domain_ip` (SPEC §9.1): on loopback both
 * the pushes and the API come from the simulator's own host.
 */
export function ipListRoute(context: RouteContext): Reply {
  requireMethod(context, 'GET');
  authenticate(context);
  return jsonReply({ ip_list: ['127.0.0.1'] });
}
