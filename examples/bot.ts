/**
 * The bot behind every framework example (node-http, express, koa, fastify, hono): the framework
 * files only mount `bot.server`. It shows the three things a customer-service bot does:
 *
 * - greets a user who opens the chat from `<button open-type="contact" session-from="order_123">`
 *   (the `user_enter_tempsession` event, whose `SessionFrom` is that attribute);
 * - answers a text with a text and a mini-program card, whose path and query come back to the
 *   mini program's `bindcontact` handler when the user taps it (examples/miniprogram/);
 * - hands the user to a human agent (`TransferCustomerService`) when they ask for "人工".
 */
import { fileURLToPath } from 'node:url';
import {
  Application,
  type ApplicationOptions,
  MiniProgramPage,
  TransferCustomerService,
} from 'wechat-customer-service';

/** The mini-program page of examples/miniprogram/ that handles `bindcontact`. */
export const CONTACT_PAGE = 'pages/contact/contact';

/** The card's cover, uploaded once as temporary media (WeChat keeps it 3 days). */
const CARD_IMAGE = fileURLToPath(new URL('./assets/card.png', import.meta.url));
const REUPLOAD_AFTER_MS = 2 * 24 * 60 * 60 * 1000;

/** Creates the Application and registers the bot's handlers. */
export function createBot(options: ApplicationOptions<'miniprogram'>): Application<'miniprogram'> {
  const app = new Application(options);
  const cardImage = cachedUpload(app);
  // Where each user came from (their button's session-from). A real bot would keep this in Redis.
  const sessionFrom = new Map<string, string>();
  const remember = (openid: string, from: string) => {
    sessionFrom.delete(openid);
    sessionFrom.set(openid, from);
    // Bounded, so a long-running demo does not grow forever: forget the oldest.
    if (sessionFrom.size > 10_000) sessionFrom.delete(sessionFrom.keys().next().value ?? '');
  };

  app.server.on('event.user_enter_tempsession', async (message, ctx) => {
    remember(message.FromUserName, message.SessionFrom);
    // Entering the chat allows 2 messages within 1 minute (SPEC §4.3).
    await ctx.reply('你好！我是示例客服机器人。发送任意文字获取订单卡片，发送“人工”转人工客服。');
  });

  app.server.on('text', async (message, ctx) => {
    if (message.Content.includes('人工')) {
      // A passive reply: WeChat hands this user to the agents of 客服工具 (SPEC §3.1).
      return new TransferCustomerService();
    }
    const order = orderOf(sessionFrom.get(message.FromUserName));
    // Replies go out through the customer-service API, in order (a user message allows 5 in 48 h).
    const card = order ? `订单 ${order} 的详情卡片` : '常见问题卡片';
    await ctx.reply(`收到：“${message.Content}”。这是${card}，点开回到小程序。`);
    await ctx.reply(
      new MiniProgramPage({
        title: order ? `订单 ${order}` : '常见问题',
        // The mini program's bindcontact receives path "pages/contact/contact" and this query.
        pagePath: `${CONTACT_PAGE}?${order ? `order=${order}` : 'topic=faq'}&from=kefu`,
        thumbMediaId: await cardImage(),
      }),
    );
    return undefined;
  });

  // Returning a string answers with a Text (sent through the API: mini programs cannot reply passively).
  app.server.on('image', () => '收到图片，客服会尽快查看。');
  app.server.on('miniprogrampage', (message) => `收到小程序卡片：${message.Title}`);

  app.server.onError((error) => {
    console.error('[bot]', error.message);
  });
  return app;
}

/** `order_123` → `123`; anything else → undefined. */
function orderOf(sessionFrom: string | undefined): string | undefined {
  return /^order_(\w+)$/.exec(sessionFrom ?? '')?.[1];
}

/** Uploads the card image on first use and again before its media_id expires. */
function cachedUpload(app: Application<'miniprogram'>): () => Promise<string> {
  let cached: { mediaId: Promise<string>; at: number } | undefined;
  return () => {
    if (cached === undefined || Date.now() - cached.at > REUPLOAD_AFTER_MS) {
      const mediaId = app.media.upload({ path: CARD_IMAGE }, { type: 'image' }).then((r) => r.media_id);
      cached = { mediaId, at: Date.now() };
      // A failed upload is forgotten, so the next message tries again.
      mediaId.catch(() => {
        if (cached?.mediaId === mediaId) cached = undefined;
      });
    }
    return cached.mediaId;
  };
}
