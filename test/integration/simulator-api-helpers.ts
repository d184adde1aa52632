import { request } from 'undici';
import type { FakeApi, FakeApiApp, FakeApiOptions } from '../../src/simulator/api/index.js';
import { startFakeApi } from '../../src/simulator/api/index.js';

/** A mini program and an official account, as most tests use them. */
export const MINI: FakeApiApp = { appId: 'wx1234567890abcdef', secret: 'mini-secret-0123456789abcdef' };
export const OFFICIAL: FakeApiApp = {
  appId: 'wxfedcba0987654321',
  secret: 'oa-secret-0123456789abcdef',
  kind: 'official-account',
};

/** `xxxxxxxx-xxxxxxxx-xxxxxxxx` at the end of every errmsg (SPEC §9.2). */
export const RID = / rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;

/** A clock the test moves by hand. */
export interface ManualClock {
  (): number;
  advance(ms: number): void;
}

export function manualClock(start = Date.UTC(2025, 0, 6, 2, 0, 0)): ManualClock {
  let now = start;
  const clock = (() => now) as ManualClock;
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

/** Starts a fake API with both apps and a manual clock (extra options override). */
export async function startApi(
  extra: Partial<FakeApiOptions> = {},
): Promise<{ api: FakeApi; clock: ManualClock }> {
  const clock = manualClock();
  const api = await startFakeApi({ apps: [MINI, OFFICIAL], clock, ...extra });
  return { api, clock };
}

export interface CallResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
  text: string;
  json: Record<string, unknown>;
}

export interface CallOptions {
  query?: Record<string, string>;
  /** Serialised with JSON.stringify. */
  json?: unknown;
  /** Sent as is. */
  body?: string | Buffer;
  headers?: Record<string, string>;
}

/** A raw undici request to the fake API. */
export async function call(
  api: FakeApi,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const query = new URLSearchParams(options.query ?? {}).toString();
  const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
  const headers = {
    ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
    ...options.headers,
  };
  const response = await request(`${api.url}${path}${query ? `?${query}` : ''}`, {
    method: method as 'GET',
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const bytes = Buffer.from(await response.body.arrayBuffer());
  const text = bytes.toString('utf8');
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON (media bytes, 404 text)
  }
  return { status: response.statusCode, headers: response.headers, bytes, text, json };
}

/** A fresh classic token for the app. */
export async function classicToken(api: FakeApi, app: FakeApiApp): Promise<string> {
  const result = await call(api, 'GET', '/cgi-bin/token', {
    query: { grant_type: 'client_credential', appid: app.appId, secret: app.secret },
  });
  if (typeof result.json.access_token !== 'string') throw new Error(`no token: ${result.text}`);
  return result.json.access_token;
}

/** POSTs JSON to a token-protected path. */
export function post(api: FakeApi, path: string, token: string, json: unknown): Promise<CallResult> {
  return call(api, 'POST', path, { query: { access_token: token }, json });
}

export const SEND = '/cgi-bin/message/custom/send';

/** Expects a WeChat error answer: HTTP 200, the errcode, a rid. */
export function errcodeOf(result: CallResult): number | undefined {
  if (result.status !== 200) throw new Error(`HTTP ${result.status}: ${result.text}`);
  const errcode = result.json.errcode;
  if (typeof errcode === 'number' && errcode !== 0 && !RID.test(String(result.json.errmsg))) {
    throw new Error(`errmsg without rid: ${result.text}`);
  }
  return typeof errcode === 'number' ? errcode : undefined;
}
