/**
 * Hono with a fetch handler (Request → Response), served by @hono/node-server. The same
 * `toFetchHandler()` works on Bun, Deno, Cloudflare Workers and Next.js route handlers.
 * Run: npx tsx examples/hono.ts
 */
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createBot } from './bot.js';
import {
  DEFAULT_HOST,
  type ExampleOptions,
  exampleConfig,
  isMain,
  type RunningExample,
  runFromCommandLine,
  running,
} from './config.js';

export async function start(options: ExampleOptions = exampleConfig()): Promise<RunningExample> {
  const bot = createBot(options.app);
  const handle = bot.server.toFetchHandler();
  const app = new Hono();
  // Pass the untouched Request (c.req.raw): reading c.req.json() first would consume the body.
  app.on(['GET', 'POST'], options.path, (c) => handle(c.req.raw));
  const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host ?? DEFAULT_HOST });
  return running(server as Server, options.path);
}

if (isMain(import.meta.url)) runFromCommandLine(start);
