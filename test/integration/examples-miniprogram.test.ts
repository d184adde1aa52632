import { readFile } from 'node:fs/promises';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACT_PAGE } from '../../examples/bot.js';
import type { RunningExample } from '../../examples/config.js';
import { start } from '../../examples/node-http.js';
import type { BotEntry, ContactDetail, Simulator } from '../../src/simulator/index.js';
import { exampleOptions, startDemoSimulator, wire } from './examples-helpers.js';

const DIR = new URL('../../examples/miniprogram/', import.meta.url);
const read = (path: string) => readFile(new URL(path, DIR), 'utf8');

/** The attributes of the page's `<button open-type="contact">`. */
async function contactButton(): Promise<Record<string, string>> {
  const wxml = await read('pages/contact/contact.wxml');
  const button = /<button\b([^>]*open-type="contact"[^>]*)>/s.exec(wxml)?.[1] ?? '';
  const attributes: Record<string, string> = {};
  for (const [, name, value] of button.matchAll(/([\w-]+)(?:="([^"]*)")?/g)) {
    if (name !== undefined) attributes[name] = value ?? 'true';
  }
  return attributes;
}

interface PageInstance {
  data: { orderId: string; returned: { path: string; query: string } | null };
  setData(patch: Record<string, unknown>): void;
  onLoad(query: Record<string, string>): void;
  handleContact(event: { detail: Partial<ContactDetail> }): void;
}

/** Runs contact.js with stand-ins for the mini-program globals `Page` and `wx`. */
async function loadPage(): Promise<{ page: PageInstance; navigations: string[] }> {
  let definition: Omit<PageInstance, 'setData'> | undefined;
  const navigations: string[] = [];
  runInNewContext(await read('pages/contact/contact.js'), {
    Page: (config: Omit<PageInstance, 'setData'>) => {
      definition = config;
    },
    wx: { navigateTo: ({ url }: { url: string }) => navigations.push(url) },
    encodeURIComponent,
  });
  if (definition === undefined) throw new Error('contact.js did not call Page()');
  const page = Object.assign(Object.create(definition) as PageInstance, {
    data: structuredClone(definition.data),
    setData(patch: Record<string, unknown>) {
      Object.assign(this.data, patch);
    },
  });
  return { page, navigations };
}

let sim: Simulator;
let running: RunningExample;

beforeAll(async () => {
  sim = await startDemoSimulator();
  running = await wire(sim, () => start(exampleOptions(sim)));
});

afterAll(async () => {
  await running.close();
  await sim.stop();
});

describe('examples/miniprogram', () => {
  it('has the contact button with every attribute of SPEC §8.1, on a page listed in app.json', async () => {
    const button = await contactButton();
    expect(button).toMatchObject({
      'open-type': 'contact',
      'session-from': 'order_{{orderId}}',
      'send-message-title': '订单 {{orderId}}',
      'send-message-path': `${CONTACT_PAGE}?order={{orderId}}`,
      'show-message-card': 'true',
      bindcontact: 'handleContact',
    });
    const app = JSON.parse(await read('app.json')) as { pages: string[] };
    expect(app.pages).toContain(CONTACT_PAGE);
    expect(JSON.parse(await read('pages/contact/contact.json'))).toHaveProperty('navigationBarTitleText');
  });

  it('receives in bindcontact the path and query of the card the bot sends back', async () => {
    const { page, navigations } = await loadPage();
    page.onLoad({ order: '77' });
    // The user taps the button: the session-from WeChat pushes is the attribute with the page data.
    const sessionFrom = (await contactButton())['session-from']?.replace('{{orderId}}', page.data.orderId);
    const user = sim.user('o_miniprogram_user');
    await user.enterSession(sessionFrom);
    await user.nextMessage(); // the greeting
    await user.say('我的订单呢');
    await user.nextMessage(); // the text
    await user.nextMessage(); // the card
    const card = user
      .conversation()
      .find(
        (entry): entry is BotEntry & { kind: 'miniprogrampage' } =>
          entry.from === 'bot' && entry.kind === 'miniprogrampage',
      );
    expect(card?.contact).toEqual({ path: CONTACT_PAGE, query: { order: '77', from: 'kefu' } });

    // The user taps the card and comes back: WeChat calls handleContact with that detail.
    page.handleContact({ detail: card?.contact ?? {} });
    expect(page.data.orderId).toBe('77');
    expect(page.data.returned).toEqual({ path: CONTACT_PAGE, query: '{"order":"77","from":"kefu"}' });
    expect(navigations).toEqual([]);
  });

  it('opens another page a card points at', async () => {
    const { page, navigations } = await loadPage();
    page.handleContact({ detail: { path: 'pages/goods/goods', query: { id: '7', ref: 'a b' } } });
    expect(navigations).toEqual(['/pages/goods/goods?id=7&ref=a%20b']);
  });
});
