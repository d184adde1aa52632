/**
 * Express 5. The push handler reads the raw body itself, so mount it before express.json() (or
 * give its route express.raw({ type: '*\/*' })). Run: npx tsx examples/express.ts
 */
import express from 'express';
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
  const app = express();
  app.all(options.path, bot.server.toNodeHandler()); // GET (URL verification) and POST (pushes)
  app.use(express.json()); // the rest of your API can parse bodies as usual
  return running(app.listen(options.port, options.host ?? DEFAULT_HOST), options.path);
}

if (isMain(import.meta.url)) runFromCommandLine(start);
