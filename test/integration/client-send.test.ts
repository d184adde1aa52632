import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  Video,
  Voice,
  WxCard,
} from '../../src/messages/index.js';
import type { FakeApi } from '../../src/simulator/api/index.js';
import { MINI, miniApp, OFFICIAL, officialApp, putMedia, startApi } from './client-helpers.js';

describe('sending every message kind to the fake WeChat API (exact JSON, SPEC §4.2)', () => {
  let api: FakeApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  /** Opens the window for `openid`, sends through `send`, returns the body the API received. */
  async function delivered(appId: string, openid: string, send: () => Promise<unknown>) {
    api.world.userSent(appId, openid);
    await expect(send()).resolves.toEqual({ errcode: 0, errmsg: 'ok' });
    return api.world.messages(appId, openid).at(-1)?.payload;
  }

  it('mini program: text, image, link, miniprogrampage, raw', async () => {
    const app = miniApp(api);
    const cs = app.customerService;
    const image = putMedia(api, MINI.appId, 'image');
    const cases: [unknown, unknown][] = [
      [new Text('你好 👋\n第二行'), { msgtype: 'text', text: { content: '你好 👋\n第二行' } }],
      ['plain string', { msgtype: 'text', text: { content: 'plain string' } }],
      [new Image(image), { msgtype: 'image', image: { media_id: image } }],
      [
        new Link({
          title: 'Happy Day',
          description: 'Is Really A Happy Day',
          url: 'https://e.example/a',
          thumbUrl: 'https://e.example/t.png',
        }),
        {
          msgtype: 'link',
          link: {
            title: 'Happy Day',
            description: 'Is Really A Happy Day',
            url: 'https://e.example/a',
            thumb_url: 'https://e.example/t.png',
          },
        },
      ],
      [
        new MiniProgramPage({ title: '订单', pagePath: 'pages/order/detail?id=42', thumbMediaId: image }),
        {
          msgtype: 'miniprogrampage',
          miniprogrampage: { title: '订单', pagepath: 'pages/order/detail?id=42', thumb_media_id: image },
        },
      ],
      [new Raw({ msgtype: 'text', text: { content: 'raw' } }), { msgtype: 'text', text: { content: 'raw' } }],
    ];
    for (const [index, [message, expected]] of cases.entries()) {
      const openid = `mp-user-${index}`;
      const body = await delivered(MINI.appId, openid, () =>
        cs
          .message(message as Text)
          .to(openid)
          .send(),
      );
      expect(body).toStrictEqual({ touser: openid, ...(expected as object) });
    }
  });

  it('official account: every kind, as an agent account too', async () => {
    const cs = officialApp(api).customerService;
    const image = putMedia(api, OFFICIAL.appId, 'image');
    const voice = putMedia(api, OFFICIAL.appId, 'voice');
    const video = putMedia(api, OFFICIAL.appId, 'video');
    const thumb = putMedia(api, OFFICIAL.appId, 'thumb');
    const cases: [unknown, unknown][] = [
      [new Text('hello'), { msgtype: 'text', text: { content: 'hello' } }],
      [new Image(image), { msgtype: 'image', image: { media_id: image } }],
      [new Voice(voice), { msgtype: 'voice', voice: { media_id: voice } }],
      [
        new Video({ mediaId: video, thumbMediaId: thumb, title: 'T', description: 'D' }),
        { msgtype: 'video', video: { media_id: video, thumb_media_id: thumb, title: 'T', description: 'D' } },
      ],
      [
        new Music({
          title: 'M',
          description: 'D',
          musicUrl: 'https://m.example/a.mp3',
          hqMusicUrl: 'https://m.example/hq.mp3',
          thumbMediaId: thumb,
        }),
        {
          msgtype: 'music',
          music: {
            title: 'M',
            description: 'D',
            musicurl: 'https://m.example/a.mp3',
            hqmusicurl: 'https://m.example/hq.mp3',
            thumb_media_id: thumb,
          },
        },
      ],
      [
        new News([
          {
            title: 'Happy Day',
            description: 'Is Really A Happy Day',
            url: 'https://n.example',
            picUrl: 'https://n.example/p.jpg',
          },
        ]),
        {
          msgtype: 'news',
          news: {
            articles: [
              {
                title: 'Happy Day',
                description: 'Is Really A Happy Day',
                url: 'https://n.example',
                picurl: 'https://n.example/p.jpg',
              },
            ],
          },
        },
      ],
      [new MpNews('PERMANENT_MEDIA'), { msgtype: 'mpnews', mpnews: { media_id: 'PERMANENT_MEDIA' } }],
      [
        new MpNewsArticle('ARTICLE_ID'),
        { msgtype: 'mpnewsarticle', mpnewsarticle: { article_id: 'ARTICLE_ID' } },
      ],
      [
        new MsgMenu({
          headContent: '您对本次服务是否满意呢?',
          list: [
            { id: '101', content: '满意' },
            { id: '102', content: '不满意' },
          ],
          tailContent: '欢迎再次光临',
        }),
        {
          msgtype: 'msgmenu',
          msgmenu: {
            head_content: '您对本次服务是否满意呢?',
            list: [
              { id: '101', content: '满意' },
              { id: '102', content: '不满意' },
            ],
            tail_content: '欢迎再次光临',
          },
        },
      ],
      [new WxCard('CARD_ID'), { msgtype: 'wxcard', wxcard: { card_id: 'CARD_ID' } }],
      [
        new MiniProgramPage({
          title: 'P',
          pagePath: 'pages/index/index',
          thumbMediaId: thumb,
          appId: 'wxaaaaaaaaaaaaaaaa',
        }),
        {
          msgtype: 'miniprogrampage',
          miniprogrampage: {
            title: 'P',
            appid: 'wxaaaaaaaaaaaaaaaa',
            pagepath: 'pages/index/index',
            thumb_media_id: thumb,
          },
        },
      ],
    ];
    for (const [index, [message, expected]] of cases.entries()) {
      const openid = `oa-user-${index}`;
      const body = await delivered(OFFICIAL.appId, openid, () =>
        cs
          .message(message as Text)
          .to(openid)
          .send(),
      );
      expect(body).toStrictEqual({ touser: openid, ...(expected as object) });
    }
    const body = await delivered(OFFICIAL.appId, 'oa-agent', () =>
      cs.message('from an agent').to('oa-agent').by('kf2001@gh_test').send(),
    );
    expect(body).toStrictEqual({
      touser: 'oa-agent',
      msgtype: 'text',
      text: { content: 'from an agent' },
      customservice: { kf_account: 'kf2001@gh_test' },
    });
    expect(api.world.messages(OFFICIAL.appId, 'oa-agent')[0]?.kfAccount).toBe('kf2001@gh_test');
  });

  it('sends options: aimsgcontext, business/send with businessid, and raw bodies', async () => {
    const cs = miniApp(api).customerService;
    const ai = await delivered(MINI.appId, 'opt-1', () =>
      cs.message('AI').to('opt-1').send({ aiGenerated: true }),
    );
    expect(ai).toStrictEqual({
      touser: 'opt-1',
      msgtype: 'text',
      text: { content: 'AI' },
      aimsgcontext: { is_ai_msg: 1 },
    });
    const business = await delivered(MINI.appId, 'opt-2', () =>
      cs.message('B').to('opt-2').send({ businessId: 'shop-7' }),
    );
    expect(business).toStrictEqual({
      touser: 'opt-2',
      msgtype: 'text',
      text: { content: 'B' },
      businessid: 'shop-7',
    });
    expect(api.world.messages(MINI.appId, 'opt-2')[0]?.businessId).toBe('shop-7');
    expect(api.world.requests().some((r) => r.path === '/cgi-bin/message/custom/business/send')).toBe(true);
    const raw = await delivered(MINI.appId, 'opt-3', () =>
      cs.send({ touser: 'opt-3', msgtype: 'text', text: { content: 'R' } }),
    );
    expect(raw).toStrictEqual({ touser: 'opt-3', msgtype: 'text', text: { content: 'R' } });
  });
});
