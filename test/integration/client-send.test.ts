import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Text } from '../../src/messages/index.js';
import type { FakeApi } from '../../src/simulator/api/index.js';
import { miniProgramCases, officialAccountCases } from '../fixtures/message-cases.js';
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
    const cases = miniProgramCases(image);
    for (const [index, [message, expected]] of cases.entries()) {
      const openid = `mp-user-${index}`;
      const body = await delivered(MINI.appId, openid, () =>
        cs
          .message(message as Text)
          .to(openid)
          .send(),
      );
      expect(body).toStrictEqual({ touser: openid, ...expected });
    }
  });

  it('official account: every kind, as an agent account too', async () => {
    const cs = officialApp(api).customerService;
    const image = putMedia(api, OFFICIAL.appId, 'image');
    const voice = putMedia(api, OFFICIAL.appId, 'voice');
    const video = putMedia(api, OFFICIAL.appId, 'video');
    const thumb = putMedia(api, OFFICIAL.appId, 'thumb');
    const cases = officialAccountCases({ image, voice, video, thumb });
    for (const [index, [message, expected]] of cases.entries()) {
      const openid = `oa-user-${index}`;
      const body = await delivered(OFFICIAL.appId, openid, () =>
        cs
          .message(message as Text)
          .to(openid)
          .send(),
      );
      expect(body).toStrictEqual({ touser: openid, ...expected });
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
