import { ApiFailure } from './errcodes.js';
import { authenticate, readJsonObject, requireMethod, requireString } from './guards.js';
import { okReply, type Reply } from './reply.js';
import { validateSendBody } from './send-validate.js';
import type { Route, RouteContext } from './services.js';

/**
 * `POST /cgi-bin/message/custom/send` and, with `business`, `/custom/business/send` (which needs
 * `businessid`). Checks in order: method, token, body (45002, 44002, 40033, 47001), openid known
 * to the app (40003), msgtype for the account kind (40008), fields and media (SPEC §4.2), then the
 * window and quota (45015, 45047, SPEC §4.3). A delivered message cancels the user's typing state (SPEC §5).
 */
export function sendRoute(business: boolean): Route {
  return async (context: RouteContext): Promise<Reply> => {
    requireMethod(context, 'POST');
    const app = authenticate(context);
    const body = await readJsonObject(context);
    const touser = requireString(body, 'touser');
    const msgtype = requireString(body, 'msgtype');
    const { services, now } = context;
    if (!services.conversations.knows(app.appId, touser)) {
      // Rule of the fake API: an openid is valid for an app once its user sent or entered (userSent/userEntered).
      throw new ApiFailure(40003);
    }
    const extras = validateSendBody(body, msgtype, app, { store: services.media, now });
    if (business && extras.businessId === undefined) throw new ApiFailure(47001, 'businessid missing');
    services.conversations.checkOpen(app.appId, touser, now);
    services.conversations.consume(app.appId, touser);
    if (services.typing.cancel(app.appId, touser, now)) {
      services.feed.typing({ appId: app.appId, openid: touser, command: 'CancelTyping', at: now });
    }
    services.feed.deliver({ appId: app.appId, touser, msgtype, payload: body, at: now, ...extras });
    return okReply();
  };
}
