import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Image, Link, MiniProgramPage, TransferCustomerService } from '../../src/index.js';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';
import { APP, deferred, startBot } from '../integration/simulator-bot-helpers.js';
import { DEFAULT_CHROMIUM, findChromium } from './chromium.js';

/** The little of the DOM the page-side functions use (this project's TypeScript has no DOM library). */
interface BrowserGlobals {
  getComputedStyle(element: unknown): { backgroundColor: string };
}

// Skipped only on a developer machine without Chromium; with CHROMIUM_PATH or CI set, a missing
// browser fails the run instead of hiding it (see findChromium).
const CHROMIUM = findChromium(process.env);
const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? tmpdir();

let sim: Simulator;
let bot: Awaited<ReturnType<typeof startBot>>;
let context: BrowserContext;
let page: Page;
let profile: string;
/** Holds the bot's answer to '慢' while the test looks at the typing indicator. */
const slowReply = deferred();

/**
 * The chat page in real headless Chromium: the user types, the bot's reply bubble appears; a
 * tapped mini-program card shows the bindcontact path and query; transfer and notices show.
 */
describe.skipIf(CHROMIUM === undefined)('the chat page in Chromium', () => {
  beforeAll(async () => {
    sim = await startSimulator({ apps: [{ ...APP }] });
    bot = await startBot(sim.url);
    const { app } = bot;
    const { media_id: cover } = await app.media.upload(coverPng(), { type: 'image', filename: 'cover.png' });
    const { media_id: picture } = await app.media.upload(coverPng(120, 90), {
      type: 'image',
      filename: 'picture.png',
    });
    app.server.on('event.user_enter_tempsession', async (message, ctx) => {
      await ctx.reply(`欢迎光临！来源：${message.SessionFrom}`);
    });
    app.server.on('text', async (message, ctx) => {
      if (message.Content === '人工') return new TransferCustomerService();
      if (message.Content === '慢') {
        await ctx.typing();
        await slowReply.promise;
        return '想好了';
      }
      if (message.Content === '订单') {
        await ctx.typing();
        return new MiniProgramPage({
          title: '您的订单 #42',
          pagePath: 'pages/order/detail?id=42&from=kf',
          thumbMediaId: cover,
        });
      }
      if (message.Content === '帮助') {
        // A link card (mini programs may send one, SPEC §4.2) whose thumbnail the simulator
        // serves, then an uploaded picture.
        await ctx.reply(
          new Link({
            title: '帮助中心',
            description: '常见问题与售后服务',
            url: 'https://example.com/help',
            thumbUrl: `${sim.url}/media/${APP.appId}/${cover}`,
          }),
        );
        await ctx.reply(new Image(picture));
        return undefined;
      }
      return `你说：${message.Content}`;
    });
    sim.setWebhook(APP.appId, bot.webhook, { format: 'json', mode: 'safe' });
    profile = await mkdtemp(join(tmpdir(), 'wechat-cs-chromium-'));
    // A fresh profile each run; Playwright takes it as launchPersistentContext's userDataDir
    // (it refuses a --user-data-dir argument).
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM ?? DEFAULT_CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 390, height: 780 },
      deviceScaleFactor: 2,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    await page.goto(sim.chatUrl);
    await page.locator('#conversation option').first().waitFor({ state: 'attached' });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await bot?.close();
    await sim?.stop();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('enters the chat through the contact button with a session-from', async () => {
    await page.click('#plus');
    await page.click('#enter-tool');
    await page.fill('#session-from', 'order_123');
    await page.click('#enter-button');
    await expect.poll(() => page.locator('.system.enter').textContent()).toContain('session-from: order_123');
    await page.locator('.row.bot .bubble', { hasText: '欢迎光临！来源：order_123' }).waitFor();
  });

  it('sends what the user types and shows the bot reply bubble', async () => {
    await page.fill('#input', '你好');
    await page.press('#input', 'Enter');
    await page.locator('.row.user .bubble', { hasText: '你好' }).waitFor();
    await page.locator('.row.bot .bubble', { hasText: '你说：你好' }).waitFor();
    expect(await page.inputValue('#input')).toBe('');
    const userBubble = await page
      .locator('.row.user .bubble')
      .last()
      .evaluate((el) => (globalThis as unknown as BrowserGlobals).getComputedStyle(el).backgroundColor);
    expect(userBubble).toBe('rgb(149, 236, 105)');
  });

  it('shows a bot mini-program card; tapping it shows the bindcontact path and query', async () => {
    await page.fill('#input', '订单');
    await page.click('#send');
    const card = page.locator('.row.bot .card.mp', { hasText: '您的订单 #42' });
    await card.waitFor();
    await expect
      .poll(() =>
        card
          .locator('img.cover')
          .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBe(208);
    await page.screenshot({ path: join(SCREENSHOTS, 'wechat-cs-simulator-chat.png') });
    await card.click();
    await page.locator('#sheet').waitFor({ state: 'visible' });
    expect(await page.textContent('#sheet-title')).toBe('bindcontact');
    const detail = JSON.parse((await page.textContent('#sheet-body')) ?? '{}');
    expect(detail).toEqual({ path: 'pages/order/detail', query: { id: '42', from: 'kf' } });
    await page.screenshot({ path: join(SCREENSHOTS, 'wechat-cs-simulator-bindcontact.png') });
    await page.click('#sheet-close');
    await page.locator('#sheet').waitFor({ state: 'hidden' });
  });

  it("shows the bot's link card and picture, their images loaded", async () => {
    await page.fill('#input', '帮助');
    await page.press('#input', 'Enter');
    const link = page.locator('.row.bot .card.link', { hasText: '帮助中心' });
    await link.waitFor();
    expect(await link.locator('.card-title').textContent()).toBe('帮助中心');
    expect(await link.locator('.link-desc').textContent()).toBe('常见问题与售后服务');
    await expect.poll(() => link.locator('img.link-thumb').evaluate(naturalWidth)).toBe(208);
    const picture = page.locator('.row.bot .image img').last();
    await picture.waitFor();
    await expect.poll(() => picture.evaluate(naturalWidth)).toBe(120);
    await page.screenshot({ path: join(SCREENSHOTS, 'wechat-cs-simulator-link-image.png') });
  });

  it('sends a picture and a mini-program card from the + panel', async () => {
    await page.click('#plus');
    await page.setInputFiles('#image-input', {
      name: 'cover.png',
      mimeType: 'image/png',
      buffer: coverPng(),
    });
    const picture = page.locator('.row.user .image img').last();
    await expect
      .poll(() => picture.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBe(208);
    await page.click('#plus');
    await page.click('#card-tool');
    await page.fill('#card-title', '这件商品');
    await page.fill('#card-path', 'pages/goods/detail?id=7');
    await page.click('#card-form button[type=submit]');
    await page.locator('.row.user .card.mp', { hasText: '这件商品' }).waitFor();
    const kinds = sim
      .user('o_sim_user_1')
      .conversation()
      .map((line) => `${line.from}:${line.kind}`);
    expect(kinds.slice(-2)).toEqual(['user:image', 'user:miniprogrampage']);
  });

  it('shows 对方正在输入... while the bot is typing, until its message arrives', async () => {
    await page.fill('#input', '慢');
    await page.press('#input', 'Enter');
    await page.locator('.typing-row').waitFor();
    expect(await page.textContent('#title')).toBe('对方正在输入...');
    slowReply.resolve();
    await page.locator('.row.bot .bubble', { hasText: '想好了' }).waitFor();
    await page.locator('.typing-row').waitFor({ state: 'detached' });
    expect(await page.textContent('#title')).toBe('小程序客服');
  });

  it('shows the notice when the webhook fails, and the transfer to an agent', async () => {
    sim.setWebhook(APP.appId, 'http://127.0.0.1:9/unreachable', { format: 'json', mode: 'safe' });
    await expect.poll(() => page.textContent('#webhook-info')).toContain('127.0.0.1:9/unreachable');
    await page.fill('#input', '在吗');
    await page.press('#input', 'Enter');
    await page.locator('.system.notice', { hasText: '该小程序客服暂时无法提供服务，请稍后再试' }).waitFor();
    sim.setWebhook(APP.appId, bot.webhook, { format: 'json', mode: 'safe' });
    await page.fill('#input', '人工');
    await page.press('#input', 'Enter');
    await page.locator('.system.transfer', { hasText: '已转接人工客服' }).waitFor();
    await page.locator('#transfer-banner').waitFor({ state: 'visible' });
    await page.screenshot({ path: join(SCREENSHOTS, 'wechat-cs-simulator-transfer.png') });
  });
});

/** How wide an `<img>` decoded its picture (0 until it has loaded, or if it failed to). */
function naturalWidth(img: unknown): number {
  return (img as { naturalWidth: number }).naturalWidth;
}

/** A PNG (208×166 by default) with a gradient, made here so the test needs no fixture file. */
function coverPng(width = 208, height = 166): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++)
      row.set([40 + Math.floor((x * 200) / width), 140 + Math.floor((y * 100) / height), 200], 1 + x * 3);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
