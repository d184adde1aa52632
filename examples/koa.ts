/**
 * Koa 3. Mount the middleware before any body parser (it reads the raw body).
 * Run: npx tsx examples/koa.ts
 */
import Koa from 'koa';
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
  const app = new Koa();
  app.use(bot.server.toKoaMiddleware({ path: options.path })); // other paths fall through
  return running(app.listen(options.port, options.host ?? DEFAULT_HOST), options.path);
}

if (isMain(import.meta.url)) runFromCommandLine(start);
