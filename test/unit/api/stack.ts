import { ApiClient } from '../../../src/api/api-client.js';
import { AccessTokenManager } from '../../../src/auth/access-token.js';
import { HttpClient } from '../../../src/http/client.js';
import { silentLogger } from '../../../src/logger.js';
import { type AccountKind, type ApplicationOptions, resolveOptions } from '../../../src/options.js';
import type { Handler, LocalServer, SeenRequest } from '../http/local-server.js';

export const APP_ID = 'wx1234567890abcdef';

/**
 * Serves tokens (`TOKEN_1…`, `TOKEN_2…`) on the token endpoints and hands every other request to
 * `api`. Returns the API requests only (token requests are counted apart).
 */
export function serveApi(server: LocalServer, api: Handler) {
  const state = { tokens: 0, apiRequests: [] as SeenRequest[] };
  server.handle((seen, response) => {
    if (seen.url.startsWith('/cgi-bin/stable_token') || seen.url.startsWith('/cgi-bin/token')) {
      state.tokens++;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ access_token: `TOKEN_${state.tokens}_abcdefghij`, expires_in: 7200 }));
      return;
    }
    state.apiRequests.push(seen);
    api(seen, response);
  });
  return state;
}

/** HttpClient → AccessTokenManager → ApiClient against `baseUrl`, as Application wires them. */
export function stack<K extends AccountKind = 'miniprogram'>(
  baseUrl: string,
  options: Partial<ApplicationOptions<K>> = {},
) {
  const { settings, credentials } = resolveOptions<K>({
    appId: APP_ID,
    secret: 'app-secret-0123456789abcdef',
    baseUrl,
    logger: silentLogger,
    ...options,
  });
  const http = new HttpClient(settings, { backoff: { baseMs: 1, capMs: 2 } });
  const tokens = new AccessTokenManager(settings, credentials, http);
  return { settings, tokens, api: new ApiClient(http, tokens) };
}

/** The token in a request's query. */
export function tokenOf(seen: SeenRequest): string | null {
  return new URL(seen.url, 'http://x').searchParams.get('access_token');
}
