import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeApi } from '../../src/simulator/api/index.js';
import { classicToken, errcodeOf, MINI, post, SEND, startApi } from './simulator-api-helpers.js';

describe('fake WeChat API: the core loop', () => {
  let api: FakeApi;
  beforeAll(async () => {
    ({ api } = await startApi());
  });
  afterAll(() => api.close());

  it('issues a token, accepts a text to a user who wrote, and records it', async () => {
    const token = await classicToken(api, MINI);
    api.world.userSent(MINI.appId, 'o_smoke');
    const result = await post(api, SEND, token, {
      touser: 'o_smoke',
      msgtype: 'text',
      text: { content: '你好' },
    });
    expect(result.json).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(api.world.messages(MINI.appId, 'o_smoke').map((m) => m.payload)).toEqual([
      { touser: 'o_smoke', msgtype: 'text', text: { content: '你好' } },
    ]);
    const unknown = await post(api, SEND, token, {
      touser: 'o_other',
      msgtype: 'text',
      text: { content: 'x' },
    });
    expect(errcodeOf(unknown)).toBe(40003);
  });
});
