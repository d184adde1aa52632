import { describe, expect, it } from 'vitest';
import { type Cache, MemoryCache } from '../../../src/auth/cache.js';
import type { InboundMessage } from '../../../src/messages/inbound.js';
import { resolveOptions } from '../../../src/options.js';
import { Deduplicator, detached, messageKeyOf } from '../../../src/server/dedupe.js';
import type { PushQuery } from '../../../src/server/query.js';
import { APP_ID, recordingLogger } from './helpers.js';

const NOW = 1_714_112_445_000;
const query = { signature: 's', timestamp: String(NOW / 1000), nonce: 'n' } as PushQuery;
const text = {
  MsgType: 'text',
  MsgId: '6054768590064713728',
  FromUserName: 'o',
  CreateTime: 1,
} as InboundMessage;

/** A cache that records the TTL of every add. */
function recordingCache() {
  const inner = new MemoryCache();
  const adds: { key: string; ttl: number }[] = [];
  const cache: Cache = Object.assign(Object.create(inner) as Cache, {
    add: (key: string, value: string, ttl: number) => {
      adds.push({ key, ttl });
      return inner.add(key, value, ttl);
    },
  });
  return { cache, adds };
}

function dedupe(cache: Cache, server: Record<string, unknown> = {}) {
  const logger = recordingLogger();
  const { settings } = resolveOptions({ appId: APP_ID, token: 't', cache, clock: () => NOW, logger, server });
  return { deduplicator: new Deduplicator(settings), logger };
}

describe('messageKeyOf (SPEC §3.3)', () => {
  it('uses MsgId for messages, FromUserName + CreateTime + Event for events', () => {
    expect(messageKeyOf(text)).toBe('id:6054768590064713728');
    const event = {
      MsgType: 'event',
      Event: 'subscribe',
      FromUserName: 'o',
      CreateTime: 12,
    } as InboundMessage;
    expect(messageKeyOf(event)).toBe('ev:o:12:subscribe');
  });
});

describe('detached (flat copies of keys)', () => {
  it('is exact for every string: ASCII, CJK, emoji, lone surrogates', () => {
    for (const key of ['push:wx1:id:123', 'ev:用户:1:subscribe', 'ev:😀:2:x', 'ev:\ud800:3:\udfff', '']) {
      expect(detached(key)).toBe(key);
    }
    expect(detached('ev:\ud800:1:')).not.toBe(detached('ev:\ud801:1:'));
  });
});

describe('Deduplicator', () => {
  it('lets a push through once; its retry (new nonce) and its replay are seen', async () => {
    const { cache } = recordingCache();
    const { deduplicator } = dedupe(cache);
    expect(await deduplicator.seen(query, text)).toBe(false);
    // A retry has a new nonce, so a new signature; a replay repeats the signed URL.
    expect(await deduplicator.seen({ ...query, nonce: 'retry', signature: 'r' }, text)).toBe(true);
    expect(await deduplicator.seen(query, { ...text, MsgId: '2' } as InboundMessage)).toBe(true);
    expect(
      await deduplicator.seen({ ...query, nonce: 'other', signature: 'o' }, {
        ...text,
        MsgId: '3',
      } as InboundMessage),
    ).toBe(false);
  });

  it('a signature in upper case is the same request', async () => {
    const { cache } = recordingCache();
    const { deduplicator } = dedupe(cache);
    const lower = { ...query, signature: 'abcdef' };
    expect(await deduplicator.seen(lower, text)).toBe(false);
    const upper = { ...lower, signature: 'ABCDEF' };
    expect(await deduplicator.seen(upper, { ...text, MsgId: 'other' } as InboundMessage)).toBe(true);
  });

  it('a replay that moves digits between timestamp and nonce (same signature) is the same request', async () => {
    const { cache } = recordingCache();
    const { deduplicator } = dedupe(cache);
    // sort(token, '1714112445', '42') and sort(token, '171411244', '542') concatenate alike.
    const signed = { ...query, signature: 'abc', timestamp: '1714112445', nonce: '42' };
    expect(await deduplicator.seen(signed, text)).toBe(false);
    const moved = { ...signed, timestamp: '171411244', nonce: '542' };
    expect(await deduplicator.seen(moved, { ...text, MsgId: 'other' } as InboundMessage)).toBe(true);
  });

  it('keys carry the appId and live maxClockSkew + deadline, at least 60 s', async () => {
    const { cache, adds } = recordingCache();
    await dedupe(cache).deduplicator.seen(query, text);
    expect(adds).toEqual([
      { key: `replay:${APP_ID}:s`, ttl: 304_500 },
      { key: `push:${APP_ID}:id:6054768590064713728`, ttl: 304_500 },
    ]);
    const short = recordingCache();
    await dedupe(short.cache, { maxClockSkew: 1_000, deadline: 1_000 }).deduplicator.seen(query, text);
    expect(short.adds.map((a) => a.ttl)).toEqual([60_000, 60_000]);
  });

  it('keeps a replay key until a future timestamp leaves the window', async () => {
    const { cache, adds } = recordingCache();
    const ahead = { ...query, timestamp: String(NOW / 1000 + 200) };
    await dedupe(cache).deduplicator.seen(ahead, text);
    expect(adds[0]?.ttl).toBe(200_000 + 300_000 + 4_500);
  });

  it('dedupe: false turns both off', async () => {
    const { cache, adds } = recordingCache();
    const { deduplicator } = dedupe(cache, { dedupe: false });
    expect(await deduplicator.seen(query, text)).toBe(false);
    expect(await deduplicator.seen(query, text)).toBe(false);
    expect(adds).toEqual([]);
  });

  it('a failing cache lets the push through and warns', async () => {
    // A whole Cache (new Application() checks every method is there) whose `add` fails.
    const failing: Cache = Object.assign(new MemoryCache(), {
      add: () => Promise.reject(new Error('redis down')),
    });
    const { deduplicator, logger } = dedupe(failing);
    expect(await deduplicator.seen(query, text)).toBe(false);
    expect(logger.entries[0]).toMatchObject({ level: 'warn' });
  });
});
