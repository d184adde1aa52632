import { once } from 'node:events';
import { createServer, type Server as HttpServer, request as httpRequest } from 'node:http';
import { serve as honoServe } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPush, createTestVerification } from '../../src/testing/index.js';
import { AES_KEY, APP_ID, openReply, TOKEN, transferringApp, urlOf } from './server-helpers.js';

const LIMIT = 4_096;

interface Framework {
  name: string;
  start(): Promise<{ url: string; close(): Promise<void>; seen: unknown[] }>;
}

const appOptions = { server: { maxBodyBytes: LIMIT } };

async function listen(server: HttpServer) {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: urlOf(server), close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const frameworks: Framework[] = [
  {
    name: 'node:http',
    async start() {
      const { app, seen } = transferringApp(appOptions);
      return { ...(await listen(createServer(app.server.toNodeHandler()))), seen };
    },
  },
  {
    name: 'Express 5',
    async start() {
      const { app, seen } = transferringApp(appOptions);
      const web = express();
      web.all('/wechat', app.server.toNodeHandler());
      web.use(express.json()); // other routes may parse JSON; the WeChat route comes first
      return { ...(await listen(createServer(web))), seen };
    },
  },
  {
    name: 'Koa 3',
    async start() {
      const { app, seen } = transferringApp(appOptions);
      const koa = new Koa();
      koa.use(app.server.toKoaMiddleware({ path: '/wechat' }));
      return { ...(await listen(createServer(koa.callback()))), seen };
    },
  },
  {
    name: 'Fastify 5',
    async start() {
      const { app, seen } = transferringApp(appOptions);
      const fastify = Fastify({ bodyLimit: LIMIT });
      await fastify.register(async (scope) => {
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
        scope.route({ method: ['GET', 'POST'], url: '/wechat', handler: app.server.toFastifyHandler() });
      });
      await fastify.listen({ port: 0, host: '127.0.0.1' });
      return { url: urlOf(fastify.server), close: () => fastify.close(), seen };
    },
  },
  {
    name: 'Hono (@hono/node-server)',
    async start() {
      const { app, seen } = transferringApp(appOptions);
      const hono = new Hono();
      const wechat = app.server.toFetchHandler();
      hono.on(['GET', 'POST'], '/wechat', (c) => wechat(c.req.raw));
      const server = honoServe({ fetch: hono.fetch, port: 0, hostname: '127.0.0.1' }) as HttpServer;
      await once(server, 'listening');
      return {
        url: urlOf(server),
        close: () => new Promise<void>((resolve) => server.close(() => resolve())),
        seen,
      };
    },
  },
];

/** A POST without Content-Length (chunked), to test the reader's own limit. */
function postChunked(url: string, chunks: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'text/xml' } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

for (const framework of frameworks) {
  describe(`${framework.name} over real HTTP`, () => {
    let server: Awaited<ReturnType<Framework['start']>>;
    beforeAll(async () => {
      server = await framework.start();
    });
    afterAll(() => server.close());

    it('answers the GET verification with echostr', async () => {
      const verification = createTestVerification({
        token: TOKEN,
        echostr: '4375120948345356249',
        path: '/wechat',
      });
      const response = await fetch(server.url + verification.url);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('4375120948345356249');
    });

    for (const format of ['xml', 'json'] as const) {
      it(`transfers a signed, encrypted ${format} push, replying encrypted in ${format}`, async () => {
        const push = createTestPush({
          appId: APP_ID,
          token: TOKEN,
          aesKey: AES_KEY,
          format,
          path: '/wechat',
          message: { MsgType: 'text', Content: `hello ${format}`, FromUserName: 'o_user' },
        });
        const response = await fetch(server.url + push.url, {
          method: 'POST',
          headers: push.headers as Record<string, string>,
          body: push.body,
        });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toContain(format);
        expect(openReply(await response.text())).toMatchObject({
          MsgType: 'transfer_customer_service',
          ToUserName: 'o_user',
        });
        expect(server.seen).toContain(`hello ${format}`);
      });
    }

    it('refuses a bad signature with 401 and runs no handler', async () => {
      const push = createTestPush({
        appId: APP_ID,
        token: 'wrong',
        aesKey: AES_KEY,
        path: '/wechat',
        message: { MsgType: 'text', Content: 'forged' },
      });
      const response = await fetch(server.url + push.url, { method: 'POST', body: push.body });
      expect(response.status).toBe(401);
      expect(server.seen).not.toContain('forged');
    });

    it('refuses a body over the limit with 413, declared or streamed', async () => {
      const push = createTestPush({
        appId: APP_ID,
        token: TOKEN,
        aesKey: AES_KEY,
        path: '/wechat',
        message: { MsgType: 'text', Content: 'x'.repeat(LIMIT) },
      });
      const declared = await fetch(server.url + push.url, { method: 'POST', body: push.body });
      expect(declared.status).toBe(413);
      const half = Math.ceil(push.body.length / 2);
      expect(
        await postChunked(server.url + push.url, [push.body.slice(0, half), push.body.slice(half)]),
      ).toBe(413);
    });
  });
}

describe('Express with express.json() in front of the WeChat route', () => {
  it('fails loudly with a ConfigError that names the fix (500 through the error handler)', async () => {
    const { app } = transferringApp();
    const web = express();
    web.use(express.json({ type: '*/*' }));
    web.post('/wechat', app.server.toNodeHandler());
    const errors: unknown[] = [];
    web.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      errors.push(error);
      res.status(500).end();
    });
    const { url, close } = await listen(createServer(web));
    try {
      const push = createTestPush({
        appId: APP_ID,
        token: TOKEN,
        aesKey: AES_KEY,
        format: 'json',
        path: '/wechat',
        message: { MsgType: 'text' },
      });
      const response = await fetch(url + push.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: push.body,
      });
      expect(response.status).toBe(500);
      expect(errors[0]).toMatchObject({
        name: 'ConfigError',
        message: expect.stringContaining("express.raw({ type: '*/*' })"),
      });
    } finally {
      await close();
    }
  });
});
