/**
 * `npm run demo`: a local WeChat (the simulator) and the example bot (examples/bot.ts on
 * node:http) wired together. It plays a short scripted conversation in the terminal, then keeps
 * running so you can chat as the user in the browser. No WeChat account, no configuration.
 *
 *   npm run demo            # scripted turns, then chat at the printed URL; Ctrl-C to stop
 *   npm run demo -- --once  # scripted turns only, then exit (used by the test)
 */
import { type Simulator, startSimulator } from 'wechat-customer-service/simulator';
import { DEMO_ACCOUNT, isMain, type RunningExample } from './config.js';
import { start as startBot } from './node-http.js';
import { describeEntry } from './transcript.js';

/**
 * `wechat-cs simulate`'s port (the examples' default baseUrl), so the chat URL stays the same
 * between runs; a free one if it is taken.
 */
const PREFERRED_PORT = 8731;

export interface DemoOptions {
  /** Stop after the scripted turns. */
  once?: boolean;
  /** Where lines go. @default console.log */
  log?: (line: string) => void;
  /** The simulator's port. @default 8731, or a free one if that is taken */
  port?: number;
}

/** A running demo. */
export interface Demo {
  readonly chatUrl: string;
  stop(): Promise<void>;
}

/** Starts the simulator and the bot, prints the addresses and plays the scripted conversation. */
export async function runDemo(options: DemoOptions = {}): Promise<Demo> {
  const log = options.log ?? console.log;
  const sim = await startSimulatorOn(options.port);
  const bot = await startBot({ app: { ...DEMO_ACCOUNT, baseUrl: sim.url }, port: 0, path: '/wechat' });
  sim.setWebhook(DEMO_ACCOUNT.appId, bot.url);
  log('wechat-customer-service demo: a local WeChat and an example bot, no account needed.');
  log('');
  const width = Math.max(sim.chatUrl.length, bot.url.length) + 2;
  log(`  Chat page    ${sim.chatUrl.padEnd(width)}← open it and type as the user`);
  log(`  WeChat API   ${sim.url.padEnd(width)}(the bot's baseUrl)`);
  log(`  Bot webhook  ${bot.url.padEnd(width)}(examples/bot.ts on node:http)`);
  log('');
  log('Scripted conversation:');
  const unsubscribe = sim.onEntry((entry) => {
    for (const line of describeEntry(entry)) log(line);
  });
  const stop = stopper(sim, bot, unsubscribe);
  try {
    await playScript(sim);
  } catch (error) {
    await stop();
    throw error;
  }
  log('');
  return { chatUrl: sim.chatUrl, stop };
}

/** Enter from a button, say hello (a text and a card come back), ask for a human. */
async function playScript(sim: Simulator): Promise<void> {
  const user = sim.user('o_demo_user_0001');
  await user.enterSession('order_123');
  await user.nextMessage();
  await user.say('你好，我想查一下订单');
  await user.nextMessage();
  await user.nextMessage();
  const outcome = await user.say('我要转人工');
  if (!user.transferred) throw new Error(`the bot did not transfer the user: ${JSON.stringify(outcome)}`);
}

async function startSimulatorOn(port: number | undefined): Promise<Simulator> {
  const options = { apps: [{ ...DEMO_ACCOUNT }] };
  if (port !== undefined) return startSimulator({ ...options, port });
  try {
    return await startSimulator({ ...options, port: PREFERRED_PORT });
  } catch {
    return startSimulator({ ...options, port: 0 });
  }
}

function stopper(sim: Simulator, bot: RunningExample, unsubscribe: () => void): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      unsubscribe();
      await bot.close();
      await sim.stop();
    })();
    return stopping;
  };
}

if (isMain(import.meta.url)) {
  const once = process.argv.includes('--once');
  runDemo({ once })
    .then(async (demo) => {
      if (once) return demo.stop();
      console.log(`Keep chatting at ${demo.chatUrl} (the bot answers there too). Ctrl-C to stop.`);
      const stop = () => demo.stop().then(() => process.exit(0));
      process.once('SIGINT', stop).once('SIGTERM', stop);
    })
    .catch((error: unknown) => {
      console.error('demo failed:', error);
      process.exitCode = 1;
    });
}
