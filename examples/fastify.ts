/**
 * Fastify 5. Fastify parses bodies before the handler runs, so the push route lives in its own
 * plugin whose content parser keeps the raw bytes (WeChat labels JSON pushes inconsistently, and
 * the signature check needs the exact body). Run: npx tsx examples/fastify.ts
 */
import Fastify from 'fastify';
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
  const fastify = Fastify();
  await fastify.register(async (wechat) => {
    // Only inside this plugin: every content type arrives as a Buffer.
    wechat.removeAllContentTypeParsers();
    wechat.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    wechat.route({ method: ['GET', 'POST'], url: options.path, handler: bot.server.toFastifyHandler() });
  });
  await fastify.listen({ port: options.port, host: options.host ?? DEFAULT_HOST });
  return { ...listening(fastify.server.address(), options.path), close: () => fastify.close() };
}

if (isMain(import.meta.url)) runFromCommandLine(start);
