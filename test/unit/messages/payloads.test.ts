import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import {
  Image,
  Link,
  MiniProgramPage,
  MpNews,
  MpNewsArticle,
  MsgMenu,
  Music,
  News,
  Raw,
  Text,
  TransferCustomerService,
  Video,
  Voice,
  WxCard,
} from '../../../src/messages/index.js';

// The exact send bodies of SPEC §4.2 (without touser).
describe('send payloads', () => {
  it.each([
    [new Text('Hello World'), { msgtype: 'text', text: { content: 'Hello World' } }],
    [new Image('MEDIA_ID'), { msgtype: 'image', image: { media_id: 'MEDIA_ID' } }],
    [
      new Link({
        title: 'Happy Day',
        description: 'Is Really A Happy Day',
        url: 'https://a.example/x',
        thumbUrl: 'https://a.example/t.png',
      }),
      {
        msgtype: 'link',
        link: {
          title: 'Happy Day',
          description: 'Is Really A Happy Day',
          url: 'https://a.example/x',
          thumb_url: 'https://a.example/t.png',
        },
      },
    ],
    [
      new MiniProgramPage({
        title: 'title',
        pagePath: 'pages/index/index?foo=bar',
        thumbMediaId: 'thumb_media_id',
      }),
      {
        msgtype: 'miniprogrampage',
        miniprogrampage: {
          title: 'title',
          pagepath: 'pages/index/index?foo=bar',
          thumb_media_id: 'thumb_media_id',
        },
      },
    ],
    [
      new MiniProgramPage({ title: 't', pagePath: 'p', thumbMediaId: 'm', appId: 'wx1234567890' }),
      {
        msgtype: 'miniprogrampage',
        miniprogrampage: { title: 't', pagepath: 'p', thumb_media_id: 'm', appid: 'wx1234567890' },
      },
    ],
    [new Voice('MEDIA_ID'), { msgtype: 'voice', voice: { media_id: 'MEDIA_ID' } }],
    [
      new Video({ mediaId: 'M', thumbMediaId: 'T', title: 'TITLE', description: 'D' }),
      { msgtype: 'video', video: { media_id: 'M', thumb_media_id: 'T', title: 'TITLE', description: 'D' } },
    ],
    [
      new Video({ mediaId: 'M', thumbMediaId: 'T' }),
      { msgtype: 'video', video: { media_id: 'M', thumb_media_id: 'T' } },
    ],
    [
      new Music({
        title: 'T',
        description: 'D',
        musicUrl: 'https://m/1.mp3',
        hqMusicUrl: 'https://m/hq.mp3',
        thumbMediaId: 'TM',
      }),
      {
        msgtype: 'music',
        music: {
          title: 'T',
          description: 'D',
          musicurl: 'https://m/1.mp3',
          hqmusicurl: 'https://m/hq.mp3',
          thumb_media_id: 'TM',
        },
      },
    ],
    [
      new News([
        {
          title: 'Happy Day',
          description: 'Is Really A Happy Day',
          url: 'https://u.example',
          picUrl: 'https://p.example/a.jpg',
        },
      ]),
      {
        msgtype: 'news',
        news: {
          articles: [
            {
              title: 'Happy Day',
              description: 'Is Really A Happy Day',
              url: 'https://u.example',
              picurl: 'https://p.example/a.jpg',
            },
          ],
        },
      },
    ],
    [new MpNews('MEDIA_ID'), { msgtype: 'mpnews', mpnews: { media_id: 'MEDIA_ID' } }],
    [
      new MpNewsArticle('ARTICLE_ID'),
      { msgtype: 'mpnewsarticle', mpnewsarticle: { article_id: 'ARTICLE_ID' } },
    ],
    [
      new MsgMenu({
        headContent: '您对本次服务是否满意呢? ',
        list: [
          { id: '101', content: '满意' },
          { id: '102', content: '不满意' },
        ],
        tailContent: '欢迎再次光临',
      }),
      {
        msgtype: 'msgmenu',
        msgmenu: {
          head_content: '您对本次服务是否满意呢? ',
          list: [
            { id: '101', content: '满意' },
            { id: '102', content: '不满意' },
          ],
          tail_content: '欢迎再次光临',
        },
      },
    ],
    [
      new WxCard('123dsdajkasd231jhksad'),
      { msgtype: 'wxcard', wxcard: { card_id: '123dsdajkasd231jhksad' } },
    ],
    [new Raw({ msgtype: 'text', text: { content: 'raw' } }), { msgtype: 'text', text: { content: 'raw' } }],
  ])('%o', (message, payload) => {
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
