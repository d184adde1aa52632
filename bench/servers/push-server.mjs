// One push-receiving HTTP server per child process (so the load generator in the parent never
// shares its event loop): `node push-server.mjs <kind>` listens on 127.0.0.1:0 and sends
// `{ port }` (or `{ error }`) to the parent over IPC. It exits when the parent disconnects.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { createFloor } from '../floor/push-floor.mjs';
import { ACCOUNT } from '../lib/pushes.mjs';
import { createSdkApp, loadDist } from '../lib/sdk.mjs';

const require = createRequire(import.meta.url);

// A deep accept queue: 1,000 connections opening at once would otherwise overflow Node's default
// backlog (511) and a dropped SYN is retried after 1 s, which measures the connection storm, not
// the push handling. Every server gets the same queue.
const BACKLOG = 2048;

/** Starts node:http with `handler` and resolves with the port. */
function listenNode(handler) {
  return new Promise((resolve) => {
    const server = createServer(handler);
    server.keepAliveTimeout = 60_000;
    server.listen({ port: 0, host: '127.0.0.1', backlog: BACKLOG }, () => resolve(server.address().port));
  });
}

/** The bare node:http floor: collect the body, run the floor's safe-mode XML pipeline, answer. */
function floorServer() {
  const floor = createFloor(ACCOUNT);
  return listenNode((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const reply = floor.safeXml(req.url, Buffer.concat(chunks).toString('utf8'));
      res.writeHead(reply.status, { 'content-type': 'application/xml' });
      res.end(reply.body);
    });
  });
}

async function sdkApp() {
  const sdk = await loadDist('index.js');
  if (!sdk.module) throw new Error(sdk.error);
  return createSdkApp(sdk.module, { encrypted: true }).app;
}

const SERVERS = {
  floor: floorServer,
  'sdk-node': async () => listenNode((await sdkApp()).server.toNodeHandler()),
  // For reference: serve() behind the floor's own minimal body reading and writing, no adapter.
  async 'sdk-bare'() {
    const app = await sdkApp();
    return listenNode((req, res) => {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', async () => {
        const body = Buffer.concat(chunks);
        const reply = await app.server.serve({
          method: req.method,
          url: req.url,
          headers: req.headers,
          body,
        });
        res.writeHead(reply.status, reply.headers);
        res.end(reply.body);
      });
    });
  },
  async 'sdk-express'() {
    const express = require('express');
    const web = express();
    web.post('/wechat', (await sdkApp()).server.toNodeHandler());
    return listenNode(web);
  },
  async 'sdk-koa'() {
    const Koa = require('koa');
    const web = new Koa();
    web.use((await sdkApp()).server.toKoaMiddleware());
    return listenNode(web.callback());
  },
  async 'sdk-fastify'() {
    const web = require('fastify')({ logger: false });
    // The raw-body content parser the adapter needs (it refuses a parsed body).
    web.removeAllContentTypeParsers();
    web.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    web.post('/wechat', (await sdkApp()).server.toFastifyHandler());
    await web.listen({ port: 0, host: '127.0.0.1', backlog: BACKLOG });
    return web.server.address().port;
  },
  async 'sdk-hono'() {
    const { Hono } = await import('hono');
    // @hono/node-server's own request listener (what its serve() mounts), on our node:http server.
    const { getRequestListener } = await import('@hono/node-server');
    const handler = (await sdkApp()).server.toFetchHandler();
    const web = new Hono();
    web.post('/wechat', (c) => handler(c.req.raw));
    return listenNode(getRequestListener(web.fetch));
  },
  'webot-express'() {
    const express = require('express');
    const wechat = require('wechat');
    const web = express();
    const config = { token: ACCOUNT.token, appid: ACCOUNT.appId, encodingAESKey: ACCOUNT.aesKey };
    web.post(
      '/wechat',
      wechat(
        config,
        wechat.text((_m, _req, res) => res.transfer2CustomerService()),
      ),
    );
    return listenNode(web);
  },
};

const kind = process.argv[2];
process.on('disconnect', () => process.exit(0));
// CPU time of this server (user + system, µs): the parent divides its growth by the requests served.
process.on('message', (message) => {
  if (message?.cmd === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send({ id: message.id, value: user + system });
  }
});
try {
  if (!SERVERS[kind]) throw new Error(`unknown server kind ${kind}`);
  process.send({ port: await SERVERS[kind]() });
} catch (error) {
  process.send({ error: error instanceof Error ? error.message : String(error) });
}
