import type { AccountKind } from '../../options.js';
import { ApiFailure } from './errcodes.js';
import { authenticate, readJsonObject, requireMethod, requireString } from './guards.js';
import { okReply, type Reply } from './reply.js';
import type { Route, RouteContext } from './services.js';

/** SPEC §5: typing needs a message from the user within the previous 30 seconds. */
const EXCHANGE_MS = 30_000;

/**
 * `POST …/custom/business/typing` (mini programs) and `…/custom/typing` (official accounts): the
 * other account kind gets 40200. `Typing` needs a user message in the last 30 s (45080), an open
 * sending window with messages left (45015/45047), and no Typing still showing (45081); it shows
 * for 15 s. `CancelTyping` always succeeds for a known user. Anything else is 45072 (SPEC §5).
 */
export function typingRoute(kind: AccountKind): Route {
  return async (context: RouteContext): Promise<Reply> => {
    requireMethod(context, 'POST');
    const app = authenticate(context);
    if (app.kind !== kind) throw new ApiFailure(40200, `use the ${app.kind} typing path`);
    const body = await readJsonObject(context);
    const touser = requireString(body, 'touser');
    const { services, now } = context;
    if (!services.conversations.knows(app.appId, touser)) throw new ApiFailure(40003);
    const command = body.command;
    if (command === 'CancelTyping') {
      if (services.typing.cancel(app.appId, touser, now)) {
        services.feed.typing({ appId: app.appId, openid: touser, command, at: now });
      }
      return okReply();
    }
    if (command !== 'Typing') throw new ApiFailure(45072, 'command must be Typing or CancelTyping');
    if (now - services.conversations.lastUserMessage(app.appId, touser) > EXCHANGE_MS)
      throw new ApiFailure(45080);
    services.conversations.checkOpen(app.appId, touser, now);
    if (services.typing.state(app.appId, touser, now) === 'Typing') throw new ApiFailure(45081);
    services.typing.start(app.appId, touser, now);
    services.feed.typing({ appId: app.appId, openid: touser, command, at: now });
    return okReply();
  };
}
