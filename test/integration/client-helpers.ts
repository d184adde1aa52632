import { Application } from '../../src/application.js';
import type { Logger } from '../../src/logger.js';
import type { AccountKind, ApplicationOptions } from '../../src/options.js';
import {
  type FakeApi,
  type FakeApiApp,
  type FakeApiOptions,
  startFakeApi,
} from '../../src/simulator/api/index.js';

/** A mini program and an official account the fake API knows. */
export const MINI = {
  appId: 'wx1234567890abcdef',
  secret: 'mini-secret-0123456789abcdef',
} satisfies FakeApiApp;
export const OFFICIAL = {
  appId: 'wxfedcba0987654321',
  secret: 'oa-secret-0123456789abcdef',
  kind: 'official-account',
} satisfies FakeApiApp;

/** The fake WeChat API with both accounts. */
export function startApi(options: Partial<FakeApiOptions> = {}): Promise<FakeApi> {
  return startFakeApi({ apps: [MINI, OFFICIAL], ...options });
}

/** A clock the test moves by hand (for the fake API's windows; the SDK keeps real time). */
export function manualClock(start = Date.now()) {
  let now = start;
  return Object.assign(() => now, {
    advance: (ms: number) => {
      now += ms;
    },
  });
}

/** A logger that keeps every line, to check none carries a secret. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (context: Record<string, unknown>, message: string) =>
    lines.push(`${message} ${JSON.stringify(context)}`);
  return { lines, debug: log, info: log, warn: log, error: log };
}

/** An Application on the fake API, with fast retries and its own in-memory caches. */
export function miniApp(api: FakeApi, options: Partial<ApplicationOptions<'miniprogram'>> = {}) {
  return new Application({ ...MINI, baseUrl: api.url, logger: recordingLogger(), ...options });
}

export function officialApp(api: FakeApi, options: Partial<ApplicationOptions<'official-account'>> = {}) {
  return new Application<'official-account'>({
    appId: OFFICIAL.appId,
    secret: OFFICIAL.secret,
    kind: 'official-account',
    baseUrl: api.url,
    logger: recordingLogger(),
    ...options,
  });
}

/** How many requests the fake API saw on `path`. */
export function hits(api: FakeApi, path: string): number {
  return api.world.requests().filter((r) => r.path === path).length;
}

/** Puts a media file of `type` in the fake API's store, as if uploaded. */
export function putMedia(api: FakeApi, appId: string, type: string): string {
  return api.world.putMedia(appId, {
    type,
    data: Buffer.from('x'),
    contentType: 'image/jpeg',
    filename: 'x.jpg',
  });
}

export type { AccountKind };
