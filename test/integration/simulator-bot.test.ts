import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Image,
  type InboundMessage,
  Link,
  MiniProgramPage,
  Text,
  TransferCustomerService,
} from '../../src/index.js';
import { type ChatEntry, type Simulator, startSimulator } from '../../src/simulator/index.js';
import { APP, JPEG, startBot } from './simulator-bot-helpers.js';

/**
 * A real bot (Application + its node handler) against the simulator, in every format × mode:
 * the pushes must verify and decrypt in the SDK server, its API replies must reach the user.
 */
let sim: Simulator;
let bot: Awaited<ReturnType<typeof startBot>>;
const received: InboundMessage[] = [];

beforeAll(async () => {
  sim = await startSimulator({ apps: [{ ...APP }] });
  bot = await startBot(sim.url);
  const { app } = bot;
  app.server.use(async (message, next) => {
    received.push(message);
    return next();
  });
  app.server.on('event.user_enter_tempsession', async (message, ctx) => {
    await ctx.reply(`欢迎，来自 ${message.SessionFrom}`);
  });
  app.server.on('text', (message) =>
    message.Content === '转人工' ? new TransferCustomerService() : `你说：${message.Content}`,
  );
  app.server.on('image', async (message) => {
    const file = await app.media.get(message.MediaId);
    return new Text(`收到图片 ${file.data.length} 字节 ${file.contentType}`);
  });
  app.server.on('miniprogrampage', (message) => `卡片 ${message.Title} ${message.PagePath}`);
});

afterAll(async () => {
  await bot?.close();
  await sim?.stop();
});

const COMBINATIONS = (['xml', 'json'] as const).flatMap((format) =>
  (['plain', 'compatible', 'safe'] as const).map((mode) => ({ format, mode })),
);

describe.each(COMBINATIONS)('a bot behind a $format webhook in $mode mode', ({ format, mode }) => {
  const openid = `o_${format}_${mode}`;
  const user = () => sim.user(openid);
  const textOf = async () => {
    const message = await user().nextMessage();
    return (message.payload.text as { content: string }).content;
  };

  beforeAll(() => sim.setWebhook(APP.appId, bot.webhook, { format, mode }));

  it('welcomes a user who enters through the contact button, with the session-from', async () => {
    const outcome = await user().enterSession('order_123');
    expect(outcome).toEqual({ status: 200, reply: 'success', attempts: 1 });
    expect(await textOf()).toBe('欢迎，来自 order_123');
    expect(received.at(-1)).toMatchObject({
      MsgType: 'event',
      Event: 'user_enter_tempsession',
      FromUserName: openid,
    });
  });

  it('answers text through the customer-service API', async () => {
    expect(await user().say('你好 <b>&]]>')).toMatchObject({ status: 200, reply: 'success' });
    expect(await textOf()).toBe('你说：你好 <b>&]]>');
    const message = received.at(-1) as InboundMessage & { MsgId: string };
    expect(message.MsgId).toMatch(/^\d+$/);
  });

  it('lets the bot download the image the user sent (media/get)', async () => {
    expect((await user().sendImage(JPEG)).reply).toBe('success');
    expect(await textOf()).toBe(`收到图片 ${JPEG.length} 字节 image/jpeg`);
    expect(received.at(-1)).toMatchObject({
      MsgType: 'image',
      PicUrl: expect.stringContaining(`${sim.url}/media/`),
    });
  });

  it('passes a shared mini-program card', async () => {
    await user().sendMiniProgramCard({ title: '商品', pagePath: 'pages/goods/detail?id=42' });
    expect(await textOf()).toBe('卡片 商品 pages/goods/detail?id=42');
    expect(received.at(-1)).toMatchObject({
      MsgType: 'miniprogrampage',
      AppId: APP.appId,
      ThumbMediaId: expect.any(String),
    });
  });

  it('hands the user to an agent on transfer_customer_service', async () => {
    expect(user().transferred).toBe(false);
    expect(await user().say('转人工')).toEqual({ status: 200, reply: 'transfer', attempts: 1 });
    expect(user().transferred).toBe(true);
    const lines = user().conversation();
    expect(lines.at(-1)).toMatchObject({ from: 'system', kind: 'transfer' });
    expect(lines.some((line: ChatEntry) => line.from === 'system' && line.kind === 'notice')).toBe(false);
  });
});

describe('what the user sees', () => {
  it('shows the whole conversation in order, with the bot card and its bindcontact detail', async () => {
    sim.setWebhook(APP.appId, bot.webhook, { format: 'json', mode: 'safe' });
    const { app } = bot;
    const user = sim.user('o_card_user');
    await user.say('hi');
    await user.nextMessage();
    const { media_id } = await app.media.upload(JPEG, { type: 'image', filename: 'cover.jpg' });
    await app.customerService
      .message(
        new MiniProgramPage({
          title: '订单详情',
          pagePath: 'pages/order/detail?id=42&from=kf',
          thumbMediaId: media_id,
        }),
      )
      .to('o_card_user')
      .send();
    expect((await user.nextMessage()).msgtype).toBe('miniprogrampage');
    expect(user.conversation()).toMatchObject([
      { from: 'user', kind: 'text', text: 'hi' },
      { from: 'bot', kind: 'text', text: '你说：hi' },
      {
        from: 'bot',
        kind: 'miniprogrampage',
        title: '订单详情',
        thumbUrl: `/media/${APP.appId}/${media_id}`,
        contact: { path: 'pages/order/detail', query: { id: '42', from: 'kf' } },
      },
    ]);
  });

  it('shows a link card and an image the bot sent', async () => {
    const user = sim.user('o_link_user');
    sim.setWebhook(APP.appId, undefined);
    await user.say('链接');
    const link = new Link({
      title: '帮助中心',
      description: '常见问题',
      url: 'https://example.com/help',
      thumbUrl: 'https://example.com/t.png',
    });
    await bot.app.customerService.message(link).to('o_link_user').send();
    const { media_id } = await bot.app.media.upload(JPEG, { type: 'image', filename: 'a.jpg' });
    await bot.app.customerService.message(new Image(media_id)).to('o_link_user').send();
    expect(user.conversation().slice(1)).toMatchObject([
      {
        from: 'bot',
        kind: 'link',
        title: '帮助中心',
        description: '常见问题',
        url: 'https://example.com/help',
      },
      { from: 'bot', kind: 'image', mediaId: media_id, url: `/media/${APP.appId}/${media_id}` },
    ]);
  });

  it('shows typing from the bot until its message arrives', async () => {
    const user = sim.user('o_typing_user');
    sim.setWebhook(APP.appId, undefined);
    await user.say('hello');
    await bot.app.typing.set('o_typing_user', 'Typing');
    expect(sim.world.typingState(APP.appId, 'o_typing_user')).toBe('Typing');
    await bot.app.customerService.message('done').to('o_typing_user').send();
    expect((await user.nextMessage()).payload).toMatchObject({ text: { content: 'done' } });
  });
});
