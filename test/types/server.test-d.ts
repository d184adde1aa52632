import { describe, expectTypeOf, it } from 'vitest';
import type {
  EventMessage,
  ImageMessage,
  InboundMessage,
  SubscribeEvent,
  TextMessage,
  UnknownEvent,
  UserEnterTempSessionEvent,
  ViewEvent,
} from '../../src/messages/inbound.js';
import { Image, TransferCustomerService, Voice } from '../../src/messages/index.js';
import { isMessage } from '../../src/server/conditions.js';
import type { PushContext } from '../../src/server/context.js';
import type { ServeResponse } from '../../src/server/http.js';
import type { Server } from '../../src/server/server.js';

declare const server: Server<'miniprogram'>;
declare const official: Server<'official-account'>;
declare const message: InboundMessage;

describe('on() narrows the message by key', () => {
  it('a MsgType', () => {
    server.on('text', (m) => {
      expectTypeOf(m).toEqualTypeOf<TextMessage>();
      expectTypeOf(m.Content).toBeString();
      expectTypeOf(m.MsgId).toBeString();
      expectTypeOf(m.CreateTime).toBeNumber();
      // @ts-expect-error a text message has no PicUrl
      void m.PicUrl;
    });
  });

  it('an event, with its fields', () => {
    server.on('event.user_enter_tempsession', (m) => {
      expectTypeOf(m).toEqualTypeOf<UserEnterTempSessionEvent>();
      expectTypeOf(m.SessionFrom).toBeString();
      // @ts-expect-error events have no MsgId
      void m.MsgId;
    });
    server.on('event.VIEW', (m) => expectTypeOf(m).toEqualTypeOf<ViewEvent>());
    server.on('event', (m) => expectTypeOf(m).toEqualTypeOf<EventMessage>());
  });

  it('an event this SDK has no type for', () => {
    server.on('event.wxa_media_check', (m) => {
      expectTypeOf(m).toEqualTypeOf<UnknownEvent>();
      expectTypeOf(m.trace_id).toBeUnknown();
    });
  });

  it('several keys: the union', () => {
    server.on(['text', 'image'], (m) => {
      expectTypeOf(m).toEqualTypeOf<TextMessage | ImageMessage>();
      if (m.MsgType === 'image') expectTypeOf(m.PicUrl).toBeString();
    });
  });

  it('refuses unknown keys', () => {
    // @ts-expect-error not a MsgType
    server.on('txt', () => {});
    // @ts-expect-error a MsgType needs no event. prefix, an event needs one
    server.on('subscribe', () => {});
  });

  it('push() narrows by its condition, defaults to every message', () => {
    server.push((m) => expectTypeOf(m).toEqualTypeOf<InboundMessage>());
    server.push((m) => expectTypeOf(m).toEqualTypeOf<SubscribeEvent>(), 'event.subscribe');
    server.push((m) => expectTypeOf(m).toEqualTypeOf<TextMessage | EventMessage>(), ['text', 'event']);
  });
});

describe('InboundMessage is a discriminated union', () => {
  it('narrows on MsgType, then Event, without UnknownMessage in the way', () => {
    if (message.MsgType === 'text') expectTypeOf(message).toEqualTypeOf<TextMessage>();
    if (message.MsgType === 'event' && message.Event === 'subscribe') {
      expectTypeOf(message).toEqualTypeOf<SubscribeEvent>();
    }
  });

  it('isMessage narrows kinds without a type of their own', () => {
    if (isMessage(message, 'event.wxa_media_check')) expectTypeOf(message.MsgType).toEqualTypeOf<'event'>();
    if (isMessage(message, 'image')) expectTypeOf(message).toEqualTypeOf<ImageMessage>();
  });
});

describe('handler results and context', () => {
  it('returns messages, strings, booleans or nothing; nothing else', () => {
    server.on('text', () => new TransferCustomerService());
    server.on('text', async () => 'hi');
    server.on('text', () => false);
    server.on('text', () => {});
    // @ts-expect-error a number is no reply
    server.on('text', () => 42);
  });

  it('ctx.reply takes what the account kind can send', () => {
    server.on('text', async (_m, ctx) => {
      expectTypeOf(ctx).toEqualTypeOf<PushContext<'miniprogram'>>();
      await ctx.reply(new Image('m'));
      await ctx.reply('text');
      // @ts-expect-error a mini program cannot send voice
      await ctx.reply(new Voice('m'));
      await ctx.typing('CancelTyping');
      // @ts-expect-error not a typing command
      await ctx.typing('typing');
    });
    official.on('text', async (_m, ctx) => {
      await ctx.reply(new Voice('m'));
    });
  });

  it('serve() resolves a plain response', () => {
    expectTypeOf(
      server.serve({ method: 'POST', url: '/', body: '' }),
    ).resolves.toEqualTypeOf<ServeResponse>();
    // @ts-expect-error the body is raw: a string or bytes
    void server.serve({ method: 'POST', url: '/', body: { parsed: true } });
  });
});

describe('what a handler returns is checked against the account kind', () => {
  it('a mini program cannot answer with an official-account kind', () => {
    server.on('text', () => new TransferCustomerService());
    server.on('text', () => new Image('media'));
    server.on('text', () => '好的');
    server.on('text', () => false);
    // @ts-expect-error a mini program cannot send Voice
    server.on('text', () => new Voice('media'));
    // @ts-expect-error not even from an async handler
    server.push(async () => new Voice('media'));
    official.on('text', () => new Voice('media'));
  });
});
