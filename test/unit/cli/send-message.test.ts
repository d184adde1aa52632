import { describe, expect, it } from 'vitest';
import { buildMessages } from '../../../src/cli/commands/send-message.js';
import { UsageError } from '../../../src/cli/failure.js';
import { ValidationError } from '../../../src/errors.js';

const payloads = (flags: Parameters<typeof buildMessages>[0]) =>
  buildMessages(flags).map((m) => m.toPayload());

describe('buildMessages', () => {
  it('makes a text message', () => {
    expect(payloads({ text: '你好' })).toEqual([{ msgtype: 'text', text: { content: '你好' } }]);
  });

  it('splits long text with --split, each piece within 2048 UTF-8 bytes', () => {
    const text = '汉'.repeat(1500); // 4500 bytes
    const pieces = payloads({ text, split: true }).map((p) => (p.text as { content: string }).content);
    expect(pieces.length).toBe(3);
    expect(pieces.join('')).toBe(text);
    for (const piece of pieces) expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(2048);
  });

  it('refuses long text without --split, naming the flag (a usage error, exit code 2)', () => {
    expect(() => buildMessages({ text: '汉'.repeat(1500) })).toThrow(
      new UsageError(
        "the text is 4500 UTF-8 bytes, over WeChat's 2048: pass --split to send it as several messages",
      ),
    );
    // Exactly at the limit is still one message.
    expect(buildMessages({ text: 'a'.repeat(2048) })).toHaveLength(1);
  });

  it('makes image, link, mini-program card and raw payloads', () => {
    expect(payloads({ text: undefined, image: 'MEDIA' })).toEqual([
      { msgtype: 'image', image: { media_id: 'MEDIA' } },
    ]);
    expect(
      payloads({
        text: undefined,
        page: 'pages/a/a?x=1',
        title: 'T',
        'thumb-media-id': 'THUMB',
      }),
    ).toEqual([
      {
        msgtype: 'miniprogrampage',
        miniprogrampage: { title: 'T', pagepath: 'pages/a/a?x=1', thumb_media_id: 'THUMB' },
      },
    ]);
    expect(
      payloads({
        text: undefined,
        link: 'https://example.com/a',
        title: 'T',
        description: 'D',
        'thumb-url': 'https://example.com/t.png',
      }),
    ).toEqual([
      {
        msgtype: 'link',
        link: {
          title: 'T',
          description: 'D',
          url: 'https://example.com/a',
          thumb_url: 'https://example.com/t.png',
        },
      },
    ]);
    expect(payloads({ text: undefined, payload: '{"msgtype":"text","text":{"content":"x"}}' })).toEqual([
      { msgtype: 'text', text: { content: 'x' } },
    ]);
  });

  it('needs exactly one kind of message', () => {
    expect(() => buildMessages({ text: undefined })).toThrow(/nothing to send/);
    expect(() => buildMessages({ text: 'hi', image: 'M' })).toThrow(/only one of/);
  });

  it('names the flag a card is missing', () => {
    expect(() => buildMessages({ text: undefined, page: 'pages/a/a', title: 'T' })).toThrow(
      '--page needs --thumb-media-id',
    );
    expect(() => buildMessages({ text: undefined, link: 'https://e.com' })).toThrow('--link needs --title');
  });

  it('refuses a payload that is not a JSON object, or that carries touser', () => {
    expect(() => buildMessages({ text: undefined, payload: 'nope' })).toThrow(UsageError);
    expect(() => buildMessages({ text: undefined, payload: '[1]' })).toThrow(UsageError);
    expect(() => buildMessages({ text: undefined, payload: '{"touser":"x","msgtype":"text"}' })).toThrow(
      ValidationError,
    );
  });
});
