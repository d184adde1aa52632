import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import {
  Image,
  Link,
  MsgMenu,
  News,
  Raw,
  Text,
  TransferCustomerService,
  Video,
} from '../../../src/messages/index.js';
import { miniProgramCases, officialAccountCases } from '../../fixtures/message-cases.js';

// The exact send bodies of SPEC §4.2 (without touser).
describe('send payloads', () => {
  const cases = [
    ...miniProgramCases('MEDIA_ID'),
    ...officialAccountCases({ image: 'IMAGE_ID', voice: 'VOICE_ID', video: 'VIDEO_ID', thumb: 'THUMB_ID' }),
  ].flatMap(([message, payload]) => (typeof message === 'string' ? [] : [{ message, payload }]));
  it.each(cases)('$message.type', ({ message, payload }) => {
    expect(message.toPayload()).toStrictEqual(payload);
    expect(message.type).toBe(message instanceof Raw ? 'raw' : payload.msgtype);
  });

  it('has no payload for the reply-only TransferCustomerService', () => {
    expect(new TransferCustomerService().toPayload()).toBeUndefined();
    expect(new TransferCustomerService('kf2001@gh_x').kfAccount).toBe('kf2001@gh_x');
  });

  it('makes messages immutable', () => {
    const text = new Text('a');
    expect(() => {
      (text as { content: string }).content = 'b';
    }).toThrow(TypeError);
    const news = new News([{ title: 't', description: '', url: 'https://u', picUrl: 'https://p' }]);
    expect(Object.isFrozen(news.articles)).toBe(true);
    expect(Object.isFrozen(news.articles[0])).toBe(true);
  });

  it('refuses a multi-article News on the send API but keeps it for passive replies', () => {
    const article = { title: 't', description: 'd', url: 'https://u', picUrl: 'https://p' };
    const news = new News([article, article]);
    expect(news.articles).toHaveLength(2);
    expect(() => news.toPayload()).toThrow(/45008/);
  });
});

describe('validation', () => {
  const cases: Array<[string, () => unknown, RegExp]> = [
    ['empty text', () => new Text(''), /text\.content: must not be empty/],
    ['non-string text', () => new Text(42 as unknown as string), /must be a string, got number/],
    ['text over 2048 bytes', () => new Text('汉'.repeat(683)), /2049 UTF-8 bytes, over the limit of 2048/],
    ['lone high surrogate', () => new Text('a\ud83dz'), /U\+D83D at index 1.*40033/],
    ['lone low surrogate', () => new Text('\ude00'), /U\+DE00/],
    ['NUL', () => new Text('a\u0000'), /U\+0000/],
    ['vertical tab', () => new Text('\u000b'), /U\+000B/],
    [
      'link without url',
      () => new Link({ title: 't', description: 'd', thumbUrl: 'https://x' } as never),
      /link\.url/,
    ],
    [
      'link with a non-http url',
      () => new Link({ title: 't', description: 'd', url: 'javascript:alert(1)', thumbUrl: 'https://x' }),
      /link\.url: must be an http\(s\) URL/,
    ],
    ['missing options', () => new Video(undefined as never), /video: must be an object/],
    [
      'news with 9 articles',
      () => new News(Array(9).fill({ title: 't', description: 'd', url: 'https://u', picUrl: 'https://p' })),
      /1 to 8/,
    ],
    [
      'news article without picUrl',
      () => new News([{ title: 't', description: 'd', url: 'https://u' } as never]),
      /news\.articles\[0\]\.picurl/,
    ],
    ['empty menu', () => new MsgMenu({ list: [] }), /msgmenu\.list/],
    [
      'menu item without id',
      () => new MsgMenu({ list: [{ content: 'x' } as never] }),
      /msgmenu\.list\[0\]\.id/,
    ],
    ['raw without msgtype', () => new Raw({} as never), /msgtype/],
    ['raw with touser', () => new Raw({ msgtype: 'text', touser: 'o' }), /touser/],
    ['empty media id', () => new Image(''), /image\.media_id/],
  ];
  it.each(cases)('refuses %s with a ValidationError naming the field', (_name, make, message) => {
    expect(make).toThrow(ValidationError);
    expect(make).toThrow(message);
  });

  it('accepts newlines, tabs, emoji and exactly the byte limit', () => {
    expect(new Text('第一行\n\t👋🏽 ok').content).toBe('第一行\n\t👋🏽 ok');
    expect(new Text(`${'汉'.repeat(682)}ab`).content).toHaveLength(684);
    expect(new Text('abcd', { maxBytes: 4 }).content).toBe('abcd');
    expect(() => new Text('abcde', { maxBytes: 4 })).toThrow(/5 UTF-8 bytes, over the limit of 4/);
  });
});
