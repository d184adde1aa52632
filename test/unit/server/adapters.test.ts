import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, PayloadTooLargeError } from '../../../src/errors.js';
import { contentLength, readBounded } from '../../../src/server/adapters/read-body.js';
import type { KoaContext, NodeRequest } from '../../../src/server/adapters/types.js';
import { createTestPush } from '../../../src/testing/index.js';
import { AES_KEY, APP_ID, makeServer, TOKEN } from './helpers.js';

const NOW = 1_714_112_445;

function setup(maxBodyBytes = 65_536) {
  const made = makeServer({
    appId: APP_ID,
    token: TOKEN,
    aesKey: AES_KEY,
    clock: () => NOW * 1000,
    server: { maxBodyBytes },
  });
  const seen: unknown[] = [];
  made.server.on('text', (m) => void seen.push(m.Content));
  return { ...made, seen };
}

const push = (nonce = '1') =>
  createTestPush({
    appId: APP_ID,
    token: TOKEN,
    aesKey: AES_KEY,
    message: { MsgType: 'text', Content: 'hi' },
    timestamp: NOW,
    nonce,
  });

/** A node request stream that records whether anyone read it. */
function nodeRequest(
  method: string,
  url: string,
  body: string | undefined,
  extra: Partial<NodeRequest> = {},
) {
  const stream = new PassThrough();
  let read = false;
  stream.on('resume', () => {
    read = true;
  });
  if (body !== undefined) stream.end(body);
  const headers = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
  const { readableEnded, ...rest } = extra;
  const req = Object.assign(stream, { method, url, headers, ...rest }) as unknown as NodeRequest;
  // A body parser has read the stream: node marks it ended (a getter, so define it).
  if (readableEnded) Object.defineProperty(req, 'readableEnded', { value: true });
  return { req, wasRead: () => read };
}

function nodeResponse() {
  const out = { status: 0, headers: {} as Record<string, string>, body: '' };
  return {
    out,
    res: {
      writeHead(status: number, headers: Record<string, string>) {
        out.status = status;
        out.headers = headers;
        return {
          end: (body: string) => {
            out.body = body;
          },
        };
      },
    },
  };
}

describe('readBounded (the one body reader)', () => {
  it('refuses a declared Content-Length over the limit without reading', async () => {
    const { req, wasRead } = nodeRequest('POST', '/', 'x'.repeat(100));
    await expect(readBounded(req, 100, 50)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(wasRead()).toBe(false);
  });

  it('stops buffering at the limit when the length is not declared', async () => {
    const stream = new PassThrough();
    const reading = readBounded(stream, undefined, 10);
    stream.write('0123456789');
    stream.write('x');
    await expect(reading).rejects.toBeInstanceOf(PayloadTooLargeError);
    stream.end('more that is discarded');
  });

  it('reads node streams and web streams', async () => {
    const stream = new PassThrough();
    stream.end('hello');
    expect((await readBounded(stream, undefined, 10)).toString()).toBe('hello');
    const web = new Response('héllo').body;
    if (!web) throw new Error('no body');
    expect((await readBounded(web, undefined, 10)).toString()).toBe('héllo');
    await expect(
      readBounded(new Response('x'.repeat(11)).body as never, undefined, 10),
    ).rejects.toBeInstanceOf(PayloadTooLargeError);
  });

  it('turns a stream error or an early close into a 400 rejection', async () => {
    const failing = new PassThrough();
    const reading = readBounded(failing, undefined, 10);
    failing.destroy(new Error('socket hang up'));
    await expect(reading).rejects.toMatchObject({ status: 400 });
  });

  it('parses Content-Length', () => {
    expect(contentLength('12')).toBe(12);
    expect(contentLength(['7', '8'])).toBe(7);
    expect(contentLength(' 12 ')).toBe(12);
    expect(contentLength('0012')).toBe(12);
    expect(contentLength(34)).toBe(34);
    for (const bad of ['abc', '', '1'.repeat(16), '1 2', '-1', '1e3', '１２', null, undefined]) {
      expect(contentLength(bad), String(bad)).toBeUndefined();
    }
  });

  it('joins a body sent in several chunks', async () => {
    const stream = new PassThrough();
    const reading = readBounded(stream, undefined, 100);
    stream.write('<xml>');
    stream.write('中文');
    stream.end('</xml>');
    expect((await reading).toString('utf8')).toBe('<xml>中文</xml>');
  });

  it('ignores what the stream does after the body is read (no crash on a late error)', async () => {
    const stream = new PassThrough();
    const reading = readBounded(stream, undefined, 100);
    stream.end('body');
    expect((await reading).toString()).toBe('body');
    // With the reader's listeners gone, an 'error' without a listener would throw.
    expect(() => stream.emit('error', new Error('late'))).not.toThrow();
    stream.emit('close');
  });
});

describe('toNodeHandler', () => {
  it('reads the stream and answers', async () => {
    const { server, seen } = setup();
    const request = push();
    const { req } = nodeRequest('POST', request.url, request.body);
    const { res, out } = nodeResponse();
    await server.toNodeHandler()(req, res);
    expect(out).toMatchObject({ status: 200, body: 'success' });
    expect(seen).toEqual(['hi']);
  });

  it('prefers rawBody, then a string/Buffer body', async () => {
    const { server, seen } = setup();
    const first = push('1');
    const second = push('2');
    const cases = [
      { request: first, extra: { rawBody: Buffer.from(first.body), body: { parsed: true } } },
      { request: second, extra: { body: second.body } },
    ];
    for (const { request, extra } of cases) {
      const { req, wasRead } = nodeRequest('POST', request.url, undefined, extra);
      const { res, out } = nodeResponse();
      await server.toNodeHandler()(req, res);
      expect(out.status).toBe(200);
      expect(wasRead()).toBe(false);
    }
    expect(seen).toEqual(['hi', 'hi']);
  });

  it('does not read the body of a POST without signature, nor of one declared too large', async () => {
    const { server } = setup(100);
    const unsigned = nodeRequest('POST', '/wechat?timestamp=1', '<xml/>');
    const first = nodeResponse();
    await server.toNodeHandler()(unsigned.req, first.res);
    expect(first.out.status).toBe(401);
    expect(unsigned.wasRead()).toBe(false);
    const request = push();
    const big = nodeRequest('POST', request.url, request.body);
    const second = nodeResponse();
    await server.toNodeHandler()(big.req, second.res);
    expect(second.out.status).toBe(413);
    expect(big.wasRead()).toBe(false);
  });

  it('a parsed body: ConfigError to next() naming the Express fix, or a 500 without next', async () => {
    const { server, logger } = setup();
    const request = push();
    const parsed = nodeRequest('POST', request.url, undefined, { body: { xml: {} }, readableEnded: true });
    const errors: unknown[] = [];
    await server.toNodeHandler()(parsed.req, nodeResponse().res, (error) => void errors.push(error));
    expect(errors[0]).toBeInstanceOf(ConfigError);
    expect(String((errors[0] as Error).message)).toMatch(/express\.raw/);
    const { res, out } = nodeResponse();
    await server.toNodeHandler()(parsed.req, res);
    expect(out.status).toBe(500);
    expect(logger.entries.at(-1)?.level).toBe('error');
  });

  it('an empty {} left by a body parser that skipped the request: reads the stream', async () => {
    const { server, seen } = setup();
    const request = push();
    const { req } = nodeRequest('POST', request.url, request.body, { body: {} });
    const { res, out } = nodeResponse();
    await server.toNodeHandler()(req, res);
    expect(out.status).toBe(200);
    expect(seen).toEqual(['hi']);
  });
});

describe('toKoaMiddleware', () => {
  function koaContext(method: string, url: string, req: NodeRequest, request: KoaContext['request'] = {}) {
    const ctx = {
      method,
      url,
      path: url.split('?')[0] ?? '/',
      req,
      request,
      status: 404,
      body: undefined as unknown,
    };
    const headers: Record<string, string> = {};
    return {
      ctx: Object.assign(ctx, { set: (h: Record<string, string>) => Object.assign(headers, h) }),
      headers,
    };
  }

  it('answers its path and passes others on', async () => {
    const { server, seen } = setup();
    const request = push();
    const middleware = server.toKoaMiddleware({ path: '/' });
    const { ctx, headers } = koaContext(
      'POST',
      request.url,
      nodeRequest('POST', request.url, request.body).req,
    );
    await middleware(ctx, async () => {});
    expect(ctx).toMatchObject({ status: 200, body: 'success' });
    expect(headers['content-type']).toMatch(/text\/plain/);
    let passed = false;
    const other = koaContext('GET', '/health', nodeRequest('GET', '/health', undefined).req);
    await middleware(other.ctx, async () => {
      passed = true;
    });
    expect(passed).toBe(true);
    expect(seen).toEqual(['hi']);
  });

  it('uses koa-bodyparser’s rawBody; a parsed body without one throws a ConfigError naming the fix', async () => {
    const { server, seen } = setup();
    const request = push();
    const withRaw = koaContext('POST', request.url, nodeRequest('POST', request.url, undefined).req, {
      body: { parsed: true },
      rawBody: request.body,
    });
    await server.toKoaMiddleware()(withRaw.ctx, async () => {});
    expect(seen).toEqual(['hi']);
    const parsed = koaContext(
      'POST',
      request.url,
      nodeRequest('POST', request.url, undefined, { readableEnded: true }).req,
      {
        body: { parsed: true },
      },
    );
    await expect(server.toKoaMiddleware()(parsed.ctx, async () => {})).rejects.toThrow(/koa-bodyparser/);
  });
});

describe('toFastifyHandler', () => {
  function reply() {
    const out = { status: 0, headers: {} as Record<string, string>, body: '' };
    const r = {
      code(status: number) {
        out.status = status;
        return r;
      },
      headers(headers: Record<string, string>) {
        out.headers = headers;
        return r;
      },
      send(body: string) {
        out.body = body;
      },
    };
    return { r, out };
  }

  it('takes a Buffer body; a parsed object throws naming the content-parser fix', async () => {
    const { server, seen } = setup();
    const request = push();
    const { r, out } = reply();
    await server.toFastifyHandler()(
      { method: 'POST', url: request.url, headers: {}, body: Buffer.from(request.body) },
      r,
    );
    expect(out).toMatchObject({ status: 200, body: 'success' });
    expect(seen).toEqual(['hi']);
    await expect(
      server.toFastifyHandler()(
        { method: 'POST', url: request.url, headers: {}, body: { xml: 1 } },
        reply().r,
      ),
    ).rejects.toThrow(/addContentTypeParser/);
  });
});

describe('toFetchHandler', () => {
  it('answers a Request; hands follow-up work to waitUntil', async () => {
    const { server, sent } = setup();
    server.on('text', () => 'reply');
    const request = push();
    const pending: Promise<unknown>[] = [];
    const handler = server.toFetchHandler({ waitUntil: (p) => void pending.push(p) });
    const response = await handler(
      new Request(`https://example.com${request.url}`, { method: 'POST', body: request.body }),
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('success');
    expect(pending).toHaveLength(1);
    await pending[0];
    expect(sent).toEqual([
      { openid: 'o_test_user_openid', message: expect.objectContaining({ content: 'reply' }) },
    ]);
  });

  it('uses the platform context’s waitUntil, and refuses a Request whose body was read', async () => {
    const { server } = setup();
    server.on('text', () => 'a reply to deliver after the response');
    const request = push();
    const pending: Promise<unknown>[] = [];
    const handler = server.toFetchHandler();
    const req = new Request(`https://example.com${request.url}`, { method: 'POST', body: request.body });
    await handler(req, { waitUntil: (p) => void pending.push(p) });
    expect(pending).toHaveLength(1);
    const used = new Request(`https://example.com${request.url}`, { method: 'POST', body: request.body });
    await used.text();
    await expect(handler(used)).rejects.toThrow(/already read/);
  });

  it('calls no waitUntil when nothing is left to do', async () => {
    const { server } = setup();
    const pending: Promise<unknown>[] = [];
    const request = push();
    const handler = server.toFetchHandler({ waitUntil: (p) => void pending.push(p) });
    await handler(new Request(`https://example.com${request.url}`, { method: 'POST', body: request.body }));
    expect(pending).toEqual([]);
  });

  it('GET verification and 405 through fetch', async () => {
    const { server } = setup();
    const handler = server.toFetchHandler();
    expect(
      (await handler(new Request('https://example.com/?x=1', { method: 'PUT', body: 'x' }))).status,
    ).toBe(405);
    expect((await handler(new Request('https://example.com/?x=1'))).status).toBe(401);
  });
});

describe('every adapter answers a query that does not decode as serve() does', () => {
  const url = '/?signature=%zz&timestamp=1&nonce=1';

  it('400, not 401, and the body is not read', async () => {
    const { server } = setup();
    expect((await server.serve({ method: 'POST', url, body: '<xml/>' })).status).toBe(400);
    const { req, wasRead } = nodeRequest('POST', url, '<xml/>');
    const { res, out } = nodeResponse();
    await server.toNodeHandler()(req, res);
    expect(out.status).toBe(400);
    expect(wasRead()).toBe(false);
    const fetched = await server.toFetchHandler()(
      new Request(`https://example.com${url}`, { method: 'POST', body: '<xml/>' }),
    );
    expect(fetched.status).toBe(400);
  });
});
