import { checkWhitelist } from './client-ip.js';
import { ApiFailure } from './errcodes.js';
import { readJsonObject, requireMethod } from './guards.js';
import { jsonReply, type Reply } from './reply.js';
import type { RouteContext } from './services.js';

/**
 * Checks a token request's credentials in WeChat's order: grant_type (40002), appid missing
 * (41002) or unknown (40013), the IP whitelist (40164, before the secret so an unlisted IP cannot
 * probe secrets), secret missing (41004) or wrong (40125). Returns the appId.
 */
function checkCredentials(
  context: RouteContext,
  fields: { grantType: unknown; appId: unknown; secret: unknown },
): string {
  if (fields.grantType !== 'client_credential') throw new ApiFailure(40002);
  if (typeof fields.appId !== 'string' || fields.appId === '') throw new ApiFailure(41002);
  const app = context.services.apps.get(fields.appId);
  if (app === undefined) throw new ApiFailure(40013);
  checkWhitelist(context.ip, context.services.allowedIps);
  if (typeof fields.secret !== 'string' || fields.secret === '') throw new ApiFailure(41004);
  if (!context.services.apps.secretMatches(app.appId, fields.secret)) throw new ApiFailure(40125);
  return app.appId;
}

/** `GET /cgi-bin/token?grant_type=client_credential&appid=…&secret=…` (SPEC §7.1). */
export function classicTokenRoute(context: RouteContext): Reply {
  requireMethod(context, 'GET');
  const { query } = context;
  const appId = checkCredentials(context, {
    grantType: query.get('grant_type'),
    appId: query.get('appid'),
    secret: query.get('secret'),
  });
  return jsonReply({ ...context.services.tokens.issueClassic(appId) });
}

/** `POST /cgi-bin/stable_token` with a JSON body; independent of the classic token (SPEC §7.2). */
export async function stableTokenRoute(context: RouteContext): Promise<Reply> {
  requireMethod(context, 'POST');
  const body = await readJsonObject(context);
  const appId = checkCredentials(context, {
    grantType: body.grant_type,
    appId: body.appid,
    secret: body.secret,
  });
  const force = body.force_refresh ?? false;
  if (typeof force !== 'boolean') throw new ApiFailure(47001, 'force_refresh must be a boolean');
  if (force) context.services.forceRefresh.take(appId, context.now);
  return jsonReply({ ...context.services.tokens.issueStable(appId, force) });
}
