import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { type FakeApi, startFakeApi } from '../../src/simulator/api/index.js';
import { call, classicToken, errcodeOf, MINI, post, RID, SEND, startApi } from './simulator-api-helpers.js';

let api: FakeApi;
afterEach(() => api.close());

const text = { touser: 'oFaultUser', msgtype: 'text', text: { content: 'hi' } };

describe('fake API server', () => {
  it('answers unknown paths with HTTP 404', async () => {
    ({ api } = await startApi());
    const result = await call(api, 'GET', '/cgi-bin/no_such_api');
    expect(result.status).toBe(404);
    expect(result.text).toBe('Not Found');
  });

  it('answers errors as HTTP 200 JSON in WeChat spelling, with a rid', async () => {
    ({ api } = await startApi());
    const result = await call(api, 'GET', '/cgi-bin/getcallbackip');
    expect(result.status).toBe(200);
    expect(result.headers['content-type']).toBe('application/json; encoding=utf-8');
    expect(result.json.errcode).toBe(41001);
    expect(result.json.errmsg).toMatch(new RegExp(`^access_token missing${RID.source}`));
  });

  it('logs every request with query names but never their values', async () => {
    ({ api } = await startApi());
    const token = await classicToken(api, MINI);
    await post(api, SEND, token, text);
    const log = api.world.requests();
    expect(
      log.map(({ method, path, query, status, errcode }) => ({ method, path, query, status, errcode })),
    ).toEqual([
      {
        method: 'GET',
        path: '/cgi-bin/token',
        query: ['grant_type', 'appid', 'secret'],
        status: 200,
        errcode: undefined,
      },
      { method: 'POST', path: SEND, query: ['access_token'], status: 200, errcode: 40003 },
    ]);
    expect(JSON.stringify(log)).not.toContain(token);
    expect(JSON.stringify(log)).not.toContain(MINI.secret);
  });

  it('injects errcode faults for the given number of requests, then answers normally', async () => {
    ({ api } = await startApi());
    const token = await classicToken(api, MINI);
    api.world.userSent(MINI.appId, 'oFaultUser');
    api.world.inject(SEND, { errcode: -1 }, 2);
    api.world.inject(SEND, { errcode: 45009, errmsg: 'reach max api daily quota limit' });
    const first = await post(api, SEND, token, text);
    expect(first.json.errmsg).toMatch(new RegExp(`^system error${RID.source}`));
    expect(errcodeOf(await post(api, SEND, token, text))).toBe(-1);
    expect(errcodeOf(await post(api, SEND, token, text))).toBe(45009);
    expect(errcodeOf(await post(api, SEND, token, text))).toBe(0);
    expect(api.world.messages(MINI.appId)).toHaveLength(1);
  });

  it('injects raw HTTP statuses', async () => {
    ({ api } = await startApi());
    api.world.inject('/cgi-bin/token', { status: 503, body: 'busy' });
    const result = await call(api, 'GET', '/cgi-bin/token');
    expect(result.status).toBe(503);
    expect(result.text).toBe('busy');
    expect(api.world.requests().at(-1)?.status).toBe(503);
  });

  it('injects a destroyed socket', async () => {
    ({ api } = await startApi());
    api.world.inject('/cgi-bin/token', { destroy: true });
    await expect(call(api, 'GET', '/cgi-bin/token')).rejects.toThrow();
    expect(api.world.requests().at(-1)).toMatchObject({ path: '/cgi-bin/token', status: 0 });
    expect(errcodeOf(await call(api, 'GET', '/cgi-bin/token'))).toBe(40002);
  });

  it('injects a delay, then answers normally', async () => {
    ({ api } = await startApi());
    api.world.inject('/cgi-bin/token', { delayMs: 50 });
    expect(errcodeOf(await call(api, 'GET', '/cgi-bin/token'))).toBe(40002);
  });

  it('close() cancels pending delays and keep-alive sockets', async () => {
    ({ api } = await startApi());
    const agent = new Agent({ keepAliveTimeout: 60_000 });
    await request(`${api.url}/cgi-bin/token`, { dispatcher: agent }).then((r) => r.body.text());
    api.world.inject('/cgi-bin/token', { delayMs: 600_000 });
    const pending = request(`${api.url}/cgi-bin/token`, { dispatcher: agent });
    await new Promise((resolve) => setTimeout(resolve, 50)); // let the request reach the server
    await api.close();
    await expect(pending).rejects.toThrow();
    await agent.close();
  });

  it('keeps only the newest maxRecords messages and request records', async () => {
    ({ api } = await startApi({ maxRecords: 3 }));
    const token = await classicToken(api, MINI);
    api.world.userSent(MINI.appId, 'oFaultUser');
    for (const content of ['1', '2', '3', '4']) {
      await post(api, SEND, token, { ...text, text: { content } });
    }
    expect(
      api.world.messages(MINI.appId).map((m) => (m.payload.text as { content: string }).content),
    ).toEqual(['2', '3', '4']);
    expect(api.world.requests().map((r) => r.path)).toEqual([SEND, SEND, SEND]);
  });

  it('refuses bad options and bad hook arguments with ConfigError', async () => {
    await expect(startFakeApi({ apps: [] })).rejects.toThrow(ConfigError);
    await expect(startFakeApi({ apps: [MINI, MINI] })).rejects.toThrow(/listed twice/);
    await expect(startFakeApi({ apps: [MINI], tokenTtlSeconds: 0 })).rejects.toThrow(ConfigError);
    ({ api } = await startApi());
    expect(() => api.world.userSent('wxunknown', 'o')).toThrow(ConfigError);
    expect(() => api.world.userSent(MINI.appId, '')).toThrow(ConfigError);
    expect(() => api.world.inject(SEND, { delayMs: -1 })).toThrow(ConfigError);
    expect(() => api.world.inject(SEND, { errcode: 1 }, 0)).toThrow(ConfigError);
    const media = { type: 'sticker', data: Buffer.from('x'), contentType: 'image/png', filename: 'x.png' };
    expect(() => api.world.putMedia(MINI.appId, media)).toThrow(ConfigError);
  });

  it('keeps secrets and tokens out of util.inspect and JSON of the world', async () => {
    ({ api } = await startApi());
    const token = await classicToken(api, MINI);
    const { inspect } = await import('node:util');
    const dump = `${inspect(api, { depth: 10 })}${JSON.stringify(api)}`;
    expect(dump).not.toContain(MINI.secret);
    expect(dump).not.toContain(token);
  });
});
