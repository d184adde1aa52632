import { describe, expect, it } from 'vitest';
import { AccessTokenError, InvalidMediaError } from '../../../src/errors.js';
import { json, sequence, useLocalServer } from '../http/local-server.js';
import { serveApi, stack, tokenOf } from './stack.js';

describe('ApiClient', () => {
  const server = useLocalServer();

  const call = {
    method: 'POST',
    path: '/cgi-bin/message/custom/send',
    body: '{}',
    retry: 'unsent-only',
  } as const;

  it('puts the access token first in the query, before the call’s own parameters', async () => {
    const state = serveApi(server, json({ errcode: 0, errmsg: 'ok' }));
    const { api } = stack(server.url);
    await api.json(call);
    await api.json({ ...call, path: '/cgi-bin/media/upload', query: 'type=image' });
    expect(state.apiRequests.map((r) => r.url)).toEqual([
      '/cgi-bin/message/custom/send?access_token=TOKEN_1_abcdefghij',
      '/cgi-bin/media/upload?access_token=TOKEN_1_abcdefghij&type=image',
    ]);
    expect(state.tokens).toBe(1);
  });

  it.each([40001, 40014, 42001])('replays once with a new token after %i', async (errcode) => {
    const state = serveApi(
      server,
      sequence(json({ errcode, errmsg: 'token' }), json({ errcode: 0, errmsg: 'ok' })),
    );
    const { api } = stack(server.url);
    await expect(api.json(call)).resolves.toEqual({ errcode: 0, errmsg: 'ok' });
    expect(state.apiRequests.map(tokenOf)).toEqual(['TOKEN_1_abcdefghij', 'TOKEN_2_abcdefghij']);
    expect(state.apiRequests[1]?.body.toString()).toBe('{}');
  });

  it('replays only once: a second token error is thrown, never looped', async () => {
    const state = serveApi(server, json({ errcode: 40001, errmsg: 'invalid credential' }));
    const { api } = stack(server.url);
    await expect(api.json(call)).rejects.toBeInstanceOf(AccessTokenError);
    expect(state.apiRequests).toHaveLength(2);
    expect(state.tokens).toBe(2);
  });

  it('replays a download whose errcode JSON says the token is bad', async () => {
    const state = serveApi(
      server,
      sequence(json({ errcode: 42001, errmsg: 'access_token expired' }), (_r, res) => {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end('PNG');
      }),
    );
    const { api } = stack(server.url);
    const download = await api.download({
      method: 'GET',
      path: '/cgi-bin/media/get',
      query: 'media_id=M',
      retry: 'idempotent',
    });
    expect(download.kind).toBe('body');
    expect(state.apiRequests).toHaveLength(2);
  });

  it('does not replay other errors', async () => {
    const state = serveApi(server, json({ errcode: 40007, errmsg: 'invalid media_id' }));
    const { api } = stack(server.url);
    await expect(
      api.download({ method: 'GET', path: '/cgi-bin/media/get', retry: 'idempotent' }),
    ).rejects.toBeInstanceOf(InvalidMediaError);
    expect(state.apiRequests).toHaveLength(1);
  });

  it('reads the token from process memory on the hot path', async () => {
    const state = serveApi(server, json({ errcode: 0, errmsg: 'ok' }));
    const { api, tokens } = stack(server.url);
    await tokens.setToken('PRESET_abcdefghij', 3_600_000);
    await Promise.all(Array.from({ length: 20 }, () => api.json(call)));
    expect(state.tokens).toBe(0);
    expect(new Set(state.apiRequests.map(tokenOf))).toEqual(new Set(['PRESET_abcdefghij']));
  });
});
