import { describe, expect, it } from 'vitest';
import { TimeoutError, WeChatError } from '../../../src/errors.js';
import { silentLogger } from '../../../src/logger.js';
import type { DeliveredMessage } from '../../../src/simulator/api/types.js';
import { botEntry, contactDetail } from '../../../src/simulator/chat/entries.js';
import { type ChatEvent, ChatStore } from '../../../src/simulator/chat/store.js';

const APP_ID = 'wx1234567890abcdef';

function message(touser: string, content: string): DeliveredMessage {
  return {
    appId: APP_ID,
    touser,
    msgtype: 'text',
    payload: { touser, msgtype: 'text', text: { content } },
    at: 0,
  };
}

function store(now = 1_000): ChatStore {
  return new ChatStore(() => now, silentLogger);
}

describe('ChatStore.nextMessage', () => {
  it('hands out bot messages sent before the call, oldest first, each once', async () => {
    const chat = store();
    chat.addBotMessage(message('o1', 'one'), false);
    chat.addBotMessage(message('o1', 'two'), false);
    chat.addBotMessage(message('o2', 'other user'), false);
    expect((await chat.nextMessage(APP_ID, 'o1', 1_000)).payload).toMatchObject({ text: { content: 'one' } });
    expect((await chat.nextMessage(APP_ID, 'o1', 1_000)).payload).toMatchObject({ text: { content: 'two' } });
    expect((await chat.nextMessage(APP_ID, 'o2', 1_000)).payload).toMatchObject({
      text: { content: 'other user' },
    });
  });

  it('waits for a message, serving concurrent calls in call order', async () => {
    const chat = store();
    const first = chat.nextMessage(APP_ID, 'o1', 5_000);
    const second = chat.nextMessage(APP_ID, 'o1', 5_000);
    chat.addBotMessage(message('o1', 'a'), false);
    chat.addBotMessage(message('o1', 'b'), false);
    expect((await first).payload).toMatchObject({ text: { content: 'a' } });
    expect((await second).payload).toMatchObject({ text: { content: 'b' } });
  });

  it('rejects with a TimeoutError when the bot sends nothing', async () => {
    const chat = store();
    const error = await chat.nextMessage(APP_ID, 'o1', 10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toContain('o1');
  });

  it('rejects pending calls when closed', async () => {
    const chat = store();
    const pending = chat.nextMessage(APP_ID, 'o1', 60_000);
    chat.close();
    await expect(pending).rejects.toBeInstanceOf(WeChatError);
  });
});

describe('ChatStore state and events', () => {
  it('numbers lines, stamps them with the clock and tells listeners', () => {
    const chat = store(42_000);
    const events: ChatEvent[] = [];
    chat.subscribe((event) => events.push(event));
    const line = chat.add(APP_ID, 'o1', { from: 'user', kind: 'text', text: 'hi' });
    expect(line).toMatchObject({ id: 1, at: 42_000, from: 'user', text: 'hi' });
    expect(events.filter((e) => e.type === 'entry')).toEqual([
      { type: 'entry', appId: APP_ID, openid: 'o1', entry: line },
    ]);
    expect(chat.entries(APP_ID, 'o1')).toEqual([line]);
  });

  it('shows typing for 15 s of clock time, and a bot message ends it', () => {
    const chat = store(1_000);
    chat.typing(APP_ID, 'o1', 'Typing');
    expect(chat.snapshot()[0]?.typingUntil).toBe(16_000);
    chat.addBotMessage(message('o1', 'done'), false);
    expect(chat.snapshot()[0]?.typingUntil).toBeUndefined();
  });

  it('remembers a transfer', () => {
    const chat = store();
    expect(chat.isTransferred(APP_ID, 'o1')).toBe(false);
    chat.transfer(APP_ID, 'o1');
    expect(chat.isTransferred(APP_ID, 'o1')).toBe(true);
  });

  it('keeps serving other listeners when one throws', () => {
    const chat = store();
    const seen: string[] = [];
    chat.subscribe(() => {
      throw new Error('broken listener');
    });
    chat.subscribe((event) => seen.push(event.type));
    chat.add(APP_ID, 'o1', { from: 'user', kind: 'text', text: 'hi' });
    expect(seen).toContain('entry');
  });
});

describe('bot lines', () => {
  it('gives a mini-program card the bindcontact path and query (SPEC §8.1)', () => {
    expect(contactDetail('pages/order/detail?id=123&from=kf')).toEqual({
      path: 'pages/order/detail',
      query: { id: '123', from: 'kf' },
    });
    expect(contactDetail('pages/index/index')).toEqual({ path: 'pages/index/index', query: {} });
    const entry = botEntry(
      {
        appId: APP_ID,
        touser: 'o1',
        msgtype: 'miniprogrampage',
        payload: {
          miniprogrampage: { title: '订单', pagepath: 'pages/order/detail?id=9', thumb_media_id: 'm1' },
        },
        at: 0,
      },
      false,
    );
    expect(entry).toMatchObject({
      kind: 'miniprogrampage',
      title: '订单',
      thumbUrl: `/media/${APP_ID}/m1`,
      contact: { path: 'pages/order/detail', query: { id: '9' } },
    });
  });

  it('shows images from the media store and unknown kinds by name', () => {
    const image = botEntry(
      { appId: APP_ID, touser: 'o1', msgtype: 'image', payload: { image: { media_id: 'abc' } }, at: 0 },
      false,
    );
    expect(image).toMatchObject({ kind: 'image', mediaId: 'abc', url: `/media/${APP_ID}/abc` });
    const menu = botEntry({ appId: APP_ID, touser: 'o1', msgtype: 'msgmenu', payload: {}, at: 0 }, false);
    expect(menu).toMatchObject({ kind: 'other', msgtype: 'msgmenu' });
  });
});
