/**
 * Koa 3. Mount the middleware before any body parser (it reads the raw body).
 * Run: npx tsx examples/koa.ts
 */
import { once } from 'node:events';
import Koa from 'koa';
import { createBot } from './bot.js';
import {
  DEFAULT_HOST,
  type ExampleOptions,
  exampleConfig,
  isMain,
  listening,
  type RunningExample,
  runFromCommandLine,
} from './config.js';

export async function start(options: ExampleOptions = exampleConfig()): Promise<RunningExample> {
  const bot = createBot(options.app);
  const app = new Koa();
  app.use(bot.server.toKoaMiddleware({ path: options.path })); // other paths fall through
  const server = app.listen(options.port, options.host ?? DEFAULT_HOST);
  await once(server, 'listening');
  return {
    ...listening(server.address(), options.path),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

if (isMain(import.meta.url)) runFromCommandLine(start);
