import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveredMessage, FakeApi } from '../../src/simulator/api/index.js';
import {
  type CallResult,
  call,
  classicToken,
  errcodeOf,
  type ManualClock,
  MINI,
  OFFICIAL,
  post,
  SEND,
  startApi,
} from './simulator-api-helpers.js';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const HOUR = 3_600_000;
const USER = 'oUser_0123456789abcdefghijkl';

let api: FakeApi;
let clock: ManualClock;
let miniToken: string;
let oaToken: string;
afterEach(() => api.close());

async function start(extra = {}): Promise<void> {
  // Tokens that outlive the windows these tests cross.
  ({ api, clock } = await startApi({ tokenTtlSeconds: 30 * 24 * 3600, ...extra }));
  miniToken = await classicToken(api, MINI);
  oaToken = await classicToken(api, OFFICIAL);
  api.world.userSent(MINI.appId, USER);
  api.world.userSent(OFFICIAL.appId, USER);
}

const text = (content: string, touser = USER) => ({ touser, msgtype: 'text', text: { content } });
const send = (json: unknown, token = miniToken): Promise<CallResult> => post(api, SEND, token, json);
const sendRaw = (body: string): Promise<CallResult> =>
  call(api, 'POST', SEND, {
    query: { access_token: miniToken },
    body,
    headers: { 'content-type': 'application/json' },
  });
const image = (appId = MINI.appId) =>
  api.world.putMedia(appId, { type: 'image', data: JPEG, contentType: 'image/jpeg', filename: 'a.jpg' });

describe('POST /cgi-bin/message/custom/send: delivery', () => {
  it('records the message and tells listeners', async () => {
    await start();
    const seen: DeliveredMessage[] = [];
    const unsubscribe = api.world.onMessage((message) => seen.push(message));
    expect((await send(text('hello'))).json).toEqual({ errcode: 0, errmsg: 'ok' });
    unsubscribe();
    expect(errcodeOf(await send(text('again')))).toBe(0);
    expect(seen).toEqual([
      { appId: MINI.appId, touser: USER, msgtype: 'text', payload: text('hello'), at: clock() },
    ]);
    expect(api.world.messages(MINI.appId).map((m) => m.payload)).toEqual([text('hello'), text('again')]);
    expect(api.world.messages(OFFICIAL.appId)).toEqual([]);
  });

  it('answers even when a listener throws, and reports it as a process warning', async () => {
    await start();
    api.world.onMessage(() => {
      throw new Error('listener bug');
    });
    const warning = new Promise<Error>((resolve) => process.once('warning', resolve));
    expect(errcodeOf(await send(text('hi')))).toBe(0);
    expect((await warning).message).toContain('listener bug');
  });

  it('keeps kf_account and businessid; business/send requires businessid', async () => {
    await start();
    const viaKf = { ...text('hi'), customservice: { kf_account: 'kf2001@gh_x' } };
    expect(errcodeOf(await send(viaKf, oaToken))).toBe(0);
    expect(api.world.messages(OFFICIAL.appId)[0]?.kfAccount).toBe('kf2001@gh_x');
    expect(errcodeOf(await send({ ...text('hi'), customservice: { kf_account: 'nobody' } }))).toBe(47001);
    const business = '/cgi-bin/message/custom/business/send';
    expect(errcodeOf(await post(api, business, miniToken, text('hi')))).toBe(47001);
    expect(errcodeOf(await post(api, business, miniToken, { ...text('hi'), businessid: 'shop_1' }))).toBe(0);
    expect(api.world.messages(MINI.appId).at(-1)?.businessId).toBe('shop_1');
  });

  it('accepts aimsgcontext.is_ai_msg 0/1 only', async () => {
    await start();
    expect(errcodeOf(await send({ ...text('hi'), aimsgcontext: { is_ai_msg: 1 } }))).toBe(0);
    expect(errcodeOf(await send({ ...text('hi'), aimsgcontext: { is_ai_msg: true } }))).toBe(47001);
  });
});

describe('custom/send: body format (SPEC §4.1)', () => {
  it('requires POST, a body, JSON and the common fields', async () => {
    await start();
    expect(errcodeOf(await call(api, 'GET', SEND, { query: { access_token: miniToken } }))).toBe(43002);
    expect(errcodeOf(await sendRaw(''))).toBe(44002);
    expect(errcodeOf(await sendRaw('{"touser":'))).toBe(47001);
    expect(errcodeOf(await sendRaw('[1,2]'))).toBe(47001);
    expect(errcodeOf(await send({ msgtype: 'text', text: { content: 'x' } }))).toBe(47001);
    expect(errcodeOf(await send({ touser: USER, text: { content: 'x' } }))).toBe(47001);
    expect(errcodeOf(await send({ touser: USER, msgtype: 'text' }))).toBe(47001);
    expect(errcodeOf(await send({ touser: USER, msgtype: 'text', text: { content: 3 } }))).toBe(47001);
    expect(api.world.messages(MINI.appId)).toEqual([]);
  });

  it('refuses \\uXXXX escapes in the raw bytes (40033) but not an escaped backslash', async () => {
    await start();
    expect(
      errcodeOf(await sendRaw(`{"touser":"${USER}","msgtype":"text","text":{"content":"\\u4f60"}}`)),
    ).toBe(40033);
    expect(errcodeOf(await send(text('lone \ud800 surrogate')))).toBe(40033); // JSON.stringify escapes it
    expect(
      errcodeOf(await sendRaw(`{"touser":"${USER}","msgtype":"text","text":{"content":"C:\\\\u4f60"}}`)),
    ).toBe(0);
    expect(api.world.messages(MINI.appId)[0]?.payload).toEqual(text('C:\\u4f60'));
  });

  it('limits text to 2048 UTF-8 bytes (45002) and refuses empty text (44004)', async () => {
    await start();
    expect(errcodeOf(await send(text(`${'好'.repeat(682)}ab`)))).toBe(0); // 2048 bytes
    expect(errcodeOf(await send(text(`${'好'.repeat(682)}abc`)))).toBe(45002); // 2049 bytes, 685 chars
    expect(errcodeOf(await send(text('')))).toBe(44004);
  });

  it('bounds the body (45002 over maxJsonBytes)', async () => {
    await start({ maxJsonBytes: 1024 });
    expect(errcodeOf(await send(text('x'.repeat(2000))))).toBe(45002);
    expect(errcodeOf(await send(text('x'.repeat(900))))).toBe(0);
  });

  it('stops reading a chunked body at maxJsonBytes and closes the connection', async () => {
    await start({ maxJsonBytes: 1024 });
    const socket = connect(Number(new URL(api.url).port), '127.0.0.1');
    const answer = new Promise<string>((resolve, reject) => {
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString('latin1');
      });
      socket.on('end', () => resolve(received));
      socket.on('error', reject);
    });
    const chunk = JSON.stringify(text('y'.repeat(3000)));
    socket.write(
      `POST ${SEND}?access_token=${miniToken} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n` +
        `${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`, // no last chunk: the server must not wait for it
    );
    const received = await answer;
    expect(received.toLowerCase()).toContain('connection: close');
    expect(received).toContain('"errcode":45002');
  });
});

describe('custom/send: openid, msgtype and fields (SPEC §4.2)', () => {
  it('answers 40003 for users the app never heard from', async () => {
    await start();
    expect(errcodeOf(await send(text('hi', 'oSomeoneElse')))).toBe(40003);
    api.world.userEntered(OFFICIAL.appId, 'oOnlyOfficial');
    expect(errcodeOf(await send(text('hi', 'oOnlyOfficial')))).toBe(40003);
    expect(errcodeOf(await send(text('hi', 'oOnlyOfficial'), oaToken))).toBe(0);
  });

  it('allows only the account kind msgtypes (40008)', async () => {
    await start();
    const news = {
      title: 't',
      description: 'd',
      url: 'https://a.example',
      picurl: 'https://a.example/p.jpg',
    };
    expect(errcodeOf(await send({ touser: USER, msgtype: 'news', news: { articles: [news] } }))).toBe(40008);
    expect(errcodeOf(await send({ touser: USER, msgtype: 'voice', voice: { media_id: image() } }))).toBe(
      40008,
    );
    expect(errcodeOf(await send({ touser: USER, msgtype: 'toString', toString: {} }))).toBe(40008);
    const link = {
      title: 't',
      description: 'd',
      url: 'https://a.example',
      thumb_url: 'https://a.example/t.jpg',
    };
    expect(errcodeOf(await send({ touser: USER, msgtype: 'link', link }, oaToken))).toBe(40008);
    expect(errcodeOf(await send({ touser: USER, msgtype: 'link', link }))).toBe(0);
    expect(
      errcodeOf(await send({ touser: USER, msgtype: 'news', news: { articles: [news] } }, oaToken)),
    ).toBe(0);
  });

  it('checks required fields of each kind (47001)', async () => {
    await start();
    const link = { title: 't', description: 'd', url: 'https://a.example' };
    expect(errcodeOf(await send({ touser: USER, msgtype: 'link', link }))).toBe(47001);
    const card = { title: 't', pagepath: 'pages/index/index' };
    expect(errcodeOf(await send({ touser: USER, msgtype: 'miniprogrampage', miniprogrampage: card }))).toBe(
      47001,
    );
    const menu = { list: [{ id: '1' }] };
    expect(errcodeOf(await send({ touser: USER, msgtype: 'msgmenu', msgmenu: menu }, oaToken))).toBe(47001);
    const video = { media_id: 'x' };
    expect(errcodeOf(await send({ touser: USER, msgtype: 'video', video }, oaToken))).toBe(47001);
  });

  it('limits news to one article (45008) and refuses none (44003)', async () => {
    await start();
    const article = {
      title: 't',
      description: 'd',
      url: 'https://a.example',
      picurl: 'https://a.example/p.jpg',
    };
    const news = (articles: unknown[]) => ({ touser: USER, msgtype: 'news', news: { articles } });
    expect(errcodeOf(await send(news([article, article]), oaToken))).toBe(45008);
    expect(errcodeOf(await send(news([]), oaToken))).toBe(44003);
    expect(errcodeOf(await send(news([{ ...article, picurl: '' }]), oaToken))).toBe(47001);
  });

  it('requires media ids that exist, belong to the app, suit the field and are < 3 days old (40007)', async () => {
    await start();
    const mediaId = image();
    const imageMessage = (id: string) => ({ touser: USER, msgtype: 'image', image: { media_id: id } });
    expect(errcodeOf(await send(imageMessage('no-such-media')))).toBe(40007);
    expect(errcodeOf(await send(imageMessage(image(OFFICIAL.appId))))).toBe(40007);
    const voice = api.world.putMedia(OFFICIAL.appId, {
      type: 'voice',
      data: Buffer.from('#!AMR\n'),
      contentType: 'audio/amr',
      filename: 'v.amr',
    });
    expect(
      errcodeOf(await send({ touser: USER, msgtype: 'image', image: { media_id: voice } }, oaToken)),
    ).toBe(40007);
    expect(errcodeOf(await send(imageMessage(mediaId)))).toBe(0);
    clock.advance(72 * HOUR - 1);
    api.world.userSent(MINI.appId, USER); // a new window; the media is what ages
    expect(errcodeOf(await send(imageMessage(mediaId)))).toBe(0);
    clock.advance(1);
    expect(errcodeOf(await send(imageMessage(mediaId)))).toBe(40007);
  });

  it('checks miniprogrampage.appid: own app for mini programs, required for official accounts', async () => {
    await start();
    const card = (extra: object, appId = MINI.appId) => ({
      touser: USER,
      msgtype: 'miniprogrampage',
      miniprogrampage: { title: 't', pagepath: 'pages/a?x=1', thumb_media_id: image(appId), ...extra },
    });
    expect(errcodeOf(await send(card({})))).toBe(0);
    expect(errcodeOf(await send(card({ appid: MINI.appId })))).toBe(0);
    expect(errcodeOf(await send(card({ appid: 'wx0000000000000000' })))).toBe(40013);
    expect(errcodeOf(await send(card({}, OFFICIAL.appId), oaToken))).toBe(47001);
    expect(errcodeOf(await send(card({ appid: MINI.appId }, OFFICIAL.appId), oaToken))).toBe(0);
  });
});

describe('custom/send: sending window and quota (SPEC §4.3)', () => {
  async function sendN(n: number): Promise<Array<number | undefined>> {
    const codes: Array<number | undefined> = [];
    for (let i = 0; i < n; i++) codes.push(errcodeOf(await send(text(`m${i}`))));
    return codes;
  }

  it('allows 5 messages within 48 h of a user message', async () => {
    await start();
    expect(await sendN(6)).toEqual([0, 0, 0, 0, 0, 45047]);
    api.world.userSent(MINI.appId, USER);
    clock.advance(48 * HOUR - 1);
    expect(await sendN(1)).toEqual([0]);
    clock.advance(1);
    expect(await sendN(1)).toEqual([45015]);
  });

  it('allows 2 messages within 1 minute of entering the chat', async () => {
    await start();
    api.world.userEntered(MINI.appId, 'oEntered');
    const enteredText = () => send(text('welcome', 'oEntered'));
    expect(errcodeOf(await enteredText())).toBe(0);
    expect(errcodeOf(await enteredText())).toBe(0);
    expect(errcodeOf(await enteredText())).toBe(45047);
    api.world.userEntered(MINI.appId, 'oEntered');
    clock.advance(60_000 - 1);
    expect(errcodeOf(await enteredText())).toBe(0);
    clock.advance(1);
    expect(errcodeOf(await enteredText())).toBe(45015);
  });

  it('does not accumulate: each action resets the count to its own maximum', async () => {
    await start();
    expect(await sendN(3)).toEqual([0, 0, 0]);
    api.world.userSent(MINI.appId, USER); // back to 5, not 2 + 5
    expect(await sendN(6)).toEqual([0, 0, 0, 0, 0, 45047]);
    api.world.userEntered(MINI.appId, USER); // 2 messages, but the 48 h window stays
    clock.advance(HOUR);
    expect(await sendN(3)).toEqual([0, 0, 45047]);
  });

  it('refuses users whose window has closed even after earlier success', async () => {
    await start();
    clock.advance(49 * HOUR);
    expect(await sendN(1)).toEqual([45015]);
    expect(api.world.messages(MINI.appId)).toEqual([]);
  });
});
