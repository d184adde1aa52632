/**
 * node:http, no framework. Run: npx tsx examples/node-http.ts (against the simulator: see
 * examples/README.md).
 */
import { createServer } from 'node:http';
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
  const handle = bot.server.toNodeHandler();
  const server = createServer((req, res) => {
    // GET verifies the URL (消息推送配置), POST delivers pushes; both go to the same handler.
    if (req.url?.split('?')[0] === options.path) return void handle(req, res);
    res.writeHead(404).end();
  });
  return running(server.listen(options.port, options.host ?? DEFAULT_HOST), options.path);
}

if (isMain(import.meta.url)) runFromCommandLine(start);
