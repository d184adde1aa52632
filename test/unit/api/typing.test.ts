import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Typing } from '../../../src/api/typing.js';
import { TypingError, ValidationError } from '../../../src/errors.js';
import type { AccountKind } from '../../../src/options.js';
import { json, type LocalServer, startLocalServer } from '../http/local-server.js';
import { serveApi, stack } from './stack.js';

describe('Typing', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer();
  });
  afterAll(() => server.close());

  function typing(kind: AccountKind = 'miniprogram') {
    const { api, settings } = stack(server.url, { kind });
    return new Typing(api, settings);
  }

  it('uses business/typing for mini programs and custom/typing for official accounts', async () => {
    const state = serveApi(server, json({ errcode: 0, errmsg: 'ok' }));
    await typing().set('o1');
    await typing('official-account').set('o2', 'CancelTyping', { businessId: 'b' });
    expect(state.apiRequests.map((r) => [r.url.split('?')[0], JSON.parse(r.body.toString())])).toEqual([
      ['/cgi-bin/message/custom/business/typing', { touser: 'o1', command: 'Typing' }],
      ['/cgi-bin/message/custom/typing', { touser: 'o2', command: 'CancelTyping', businessid: 'b' }],
    ]);
  });

  it('treats 45081 (already typing) as success', async () => {
    serveApi(server, json({ errcode: 45081, errmsg: 'already typing' }));
    await expect(typing().set('o')).resolves.toEqual({ errcode: 45081, errmsg: 'already typing' });
  });

  it('turns 45080 (no exchange in 30 s) into TypingError', async () => {
    serveApi(server, json({ errcode: 45080, errmsg: 'no message exchange' }));
    await expect(typing().set('o')).rejects.toBeInstanceOf(TypingError);
  });

  it('refuses a bad command before any network call', async () => {
    const state = serveApi(server, json({ errcode: 0, errmsg: 'ok' }));
    await expect(typing().set('o', 'typing' as 'Typing')).rejects.toBeInstanceOf(ValidationError);
    expect(state.apiRequests).toHaveLength(0);
  });
});
