import { once } from 'node:events';
import type { Server } from 'node:http';
/**
 * Configuration shared by the examples: the WECHAT_* environment variables, with defaults for
 * the local simulator (`npm run demo`, or `wechat-cs simulate` given the same variables, see
 * examples/README.md), so every example runs without a WeChat account.
 *
 * Against real WeChat, set WECHAT_APP_ID, WECHAT_SECRET, WECHAT_TOKEN, WECHAT_AES_KEY (and unset
 * WECHAT_BASE_URL) and put the server behind a public https URL (消息推送配置 → URL). The examples
 * listen on 127.0.0.1 unless HOST names another address (HOST=0.0.0.0: every interface).
 */
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { ApplicationOptions } from 'wechat-customer-service';

/** The simulator's demo account. These values are public: use them with the simulator only. */
export const DEMO_ACCOUNT = {
  appId: 'wxd0e1m2o3a4p5p6i7',
  secret: 'demo-app-secret-for-the-simulator',
  token: 'demo-push-token',
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
} as const;

/** Where the examples look for the WeChat API when WECHAT_BASE_URL is not set. */
export const DEFAULT_SIMULATOR_URL = 'http://127.0.0.1:8731';

/**
 * Where the examples listen unless HOST says otherwise: this machine only, because the demo
 * account's credentials above are public. Set HOST=0.0.0.0 (every interface) when WeChat or
 * another machine must reach the server, with your own credentials.
 */
export const DEFAULT_HOST = '127.0.0.1';

/** What every example's `start()` takes. */
export interface ExampleOptions {
  /** Options of `new Application()`. */
  app: ApplicationOptions<'miniprogram'>;
  /** Address to listen on; `0.0.0.0` for every interface. @default '127.0.0.1' ({@link DEFAULT_HOST}) */
  host?: string;
  /** Port to listen on; 0 picks a free one (tests). */
  port: number;
  /** The path WeChat pushes to. */
  path: string;
}

/** A started example: the webhook URL to give WeChat (or the simulator) and a way to stop. */
export interface RunningExample {
  /** e.g. `http://127.0.0.1:3000/wechat` */
  readonly url: string;
  /** The address the server listens on, e.g. `127.0.0.1`, or `0.0.0.0` for every interface. */
  readonly host: string;
  close(): Promise<void>;
}

/** Reads the configuration from the environment (or `env`), falling back to the demo account. */
export function exampleConfig(env: NodeJS.ProcessEnv = process.env): ExampleOptions {
  const value = (name: string, fallback: string) => (env[name] ? env[name] : fallback);
  return {
    app: {
      appId: value('WECHAT_APP_ID', DEMO_ACCOUNT.appId),
      secret: value('WECHAT_SECRET', DEMO_ACCOUNT.secret),
      token: value('WECHAT_TOKEN', DEMO_ACCOUNT.token),
      aesKey: value('WECHAT_AES_KEY', DEMO_ACCOUNT.aesKey),
      baseUrl: value('WECHAT_BASE_URL', DEFAULT_SIMULATOR_URL),
    },
    host: value('HOST', DEFAULT_HOST),
    port: Number(value('PORT', '3000')),
    path: '/wechat',
  };
}

/** True when this module is the script node/tsx was started with (not imported by a test). */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && moduleUrl === pathToFileURL(script).href;
}

/** Starts an example from the command line and stops it cleanly on Ctrl-C. */
export function runFromCommandLine(start: () => Promise<RunningExample>): void {
  start()
    .then((running) => {
      console.log(`Push endpoint: ${running.url}  (listening on ${running.host}; Ctrl-C to stop)`);
      const stop = () => {
        running.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', stop).once('SIGTERM', stop);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}

/** Addresses that mean "every interface": the server is reached on loopback from here. */
const WILDCARDS = new Set(['0.0.0.0', '::']);

/** The webhook URL and the listening address of a node:http server, from `server.address()`. */
export function listening(
  address: string | AddressInfo | null,
  path: string,
): Pick<RunningExample, 'url' | 'host'> {
  if (address === null || typeof address === 'string') throw new Error('the server is not listening on TCP');
  const host = WILDCARDS.has(address.address)
    ? '127.0.0.1'
    : address.family === 'IPv6'
      ? `[${address.address}]`
      : address.address;
  return { url: `http://${host}:${address.port}${path}`, host: address.address };
}

/**
 * Waits until a node:http server (Express's, Hono's, …) is listening and describes it:
 * the webhook URL to give the simulator, and how to stop it.
 */
export async function running(server: Server, path: string): Promise<RunningExample> {
  if (!server.listening) await once(server, 'listening');
  return {
    ...listening(server.address(), path),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
