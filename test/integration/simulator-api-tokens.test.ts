import { afterEach, describe, expect, it } from 'vitest';
import type { FakeApi } from '../../src/simulator/api/index.js';
import {
  type CallResult,
  call,
  classicToken,
  errcodeOf,
  type ManualClock,
  MINI,
  OFFICIAL,
  startApi,
} from './simulator-api-helpers.js';

const MINUTE = 60_000;
let api: FakeApi;
let clock: ManualClock;
afterEach(() => api.close());

async function start(extra = {}): Promise<void> {
  ({ api, clock } = await startApi(extra));
}

function getToken(query: Record<string, string>): Promise<CallResult> {
  return call(api, 'GET', '/cgi-bin/token', { query });
}

function stable(json: unknown): Promise<CallResult> {
  return call(api, 'POST', '/cgi-bin/stable_token', { json });
}

const credentials = (app = MINI) => ({
  grant_type: 'client_credential',
  appid: app.appId,
  secret: app.secret,
});

/** The errcode a token gets from a token-protected endpoint (0 when it works). */
async function use(token: string): Promise<number> {
  const result = await call(api, 'GET', '/cgi-bin/getcallbackip', { query: { access_token: token } });
  return errcodeOf(result) ?? 0;
}

describe('GET /cgi-bin/token (SPEC §7.1)', () => {
  it('issues a token with expires_in and counts the call', async () => {
    await start();
    const result = await getToken(credentials());
    expect(result.json.expires_in).toBe(7200);
    expect(result.json.access_token).toMatch(/^[0-9A-Za-z_-]{100,}$/);
    expect(api.world.tokenRequests(MINI.appId)).toBe(1);
    expect(await use(String(result.json.access_token))).toBe(0);
  });

  it('checks grant_type, appid and secret with WeChat errcodes', async () => {
    await start();
    const { appid, secret } = credentials();
    expect(errcodeOf(await getToken({ appid, secret }))).toBe(40002);
    expect(errcodeOf(await getToken({ grant_type: 'password', appid, secret }))).toBe(40002);
    expect(errcodeOf(await getToken({ grant_type: 'client_credential', secret }))).toBe(41002);
    expect(
      errcodeOf(await getToken({ grant_type: 'client_credential', appid: 'wx0000000000000000', secret })),
    ).toBe(40013);
    expect(errcodeOf(await getToken({ grant_type: 'client_credential', appid }))).toBe(41004);
    expect(errcodeOf(await getToken({ grant_type: 'client_credential', appid, secret: 'wrong' }))).toBe(
      40125,
    );
    expect(errcodeOf(await call(api, 'POST', '/cgi-bin/token', { query: credentials() }))).toBe(43001);
    expect(api.world.tokenRequests(MINI.appId)).toBe(0);
  });

  it('keeps the previous token valid for 5 minutes after a new one, then answers 40001', async () => {
    await start();
    const first = await classicToken(api, MINI);
    clock.advance(MINUTE);
    const second = await classicToken(api, MINI);
    expect(second).not.toBe(first);
    clock.advance(5 * MINUTE - 1);
    expect(await use(first)).toBe(0);
    clock.advance(1);
    expect(await use(first)).toBe(40001);
    expect(await use(second)).toBe(0);
  });

  it('expires a token by the injected clock (42001)', async () => {
    await start({ tokenTtlSeconds: 600 });
    const token = await classicToken(api, MINI);
    clock.advance(600_000 - 1);
    expect(await use(token)).toBe(0);
    clock.advance(1);
    expect(await use(token)).toBe(42001);
  });
});

describe('access_token on API calls', () => {
  it('answers 41001 when missing, 40014 when malformed, 40001 when unknown', async () => {
    await start();
    expect(errcodeOf(await call(api, 'GET', '/cgi-bin/getcallbackip'))).toBe(41001);
    expect(await use('not a token!')).toBe(40014);
    expect(await use(`ACCESS_TOKEN_${'x'.repeat(100)}`)).toBe(40001);
  });

  it('world.invalidateTokens → 40001 and world.expireTokens → 42001, for that app only', async () => {
    await start();
    const mini = await classicToken(api, MINI);
    const official = await classicToken(api, OFFICIAL);
    api.world.invalidateTokens(MINI.appId);
    expect(await use(mini)).toBe(40001);
    expect(await use(official)).toBe(0);
    const fresh = await classicToken(api, MINI);
    expect(await use(fresh)).toBe(0);
    api.world.expireTokens(MINI.appId);
    expect(await use(fresh)).toBe(42001);
  });
});

describe('POST /cgi-bin/stable_token (SPEC §7.2)', () => {
  it('is JSON POST only', async () => {
    await start();
    expect(errcodeOf(await call(api, 'GET', '/cgi-bin/stable_token', { query: credentials() }))).toBe(43002);
    const form = new URLSearchParams(credentials()).toString();
    const notJson = await call(api, 'POST', '/cgi-bin/stable_token', {
      body: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(errcodeOf(notJson)).toBe(47001);
    expect(errcodeOf(await call(api, 'POST', '/cgi-bin/stable_token'))).toBe(44002);
  });

  it('checks the credentials like /cgi-bin/token', async () => {
    await start();
    expect(errcodeOf(await stable({ ...credentials(), grant_type: 'x' }))).toBe(40002);
    expect(errcodeOf(await stable({ ...credentials(), appid: undefined }))).toBe(41002);
    expect(errcodeOf(await stable({ ...credentials(), appid: 'wx0000000000000000' }))).toBe(40013);
    expect(errcodeOf(await stable({ ...credentials(), secret: undefined }))).toBe(41004);
    expect(errcodeOf(await stable({ ...credentials(), secret: 'nope' }))).toBe(40125);
    expect(errcodeOf(await stable({ ...credentials(), force_refresh: 'yes' }))).toBe(47001);
  });

  it('normal mode returns the same token with its remaining lifetime', async () => {
    await start();
    const first = await stable(credentials());
    clock.advance(1000_000);
    const again = await stable(credentials());
    expect(again.json.access_token).toBe(first.json.access_token);
    expect(again.json.expires_in).toBe(6200);
    expect(api.world.tokenRequests(MINI.appId)).toBe(2);
  });

  it('rotates within 5 minutes of expiry; the old token lives out its time', async () => {
    await start();
    const first = String((await stable(credentials())).json.access_token);
    clock.advance(7200_000 - 5 * MINUTE);
    const rotated = await stable(credentials());
    expect(rotated.json.access_token).not.toBe(first);
    expect(rotated.json.expires_in).toBe(7200);
    expect(await use(first)).toBe(0);
    clock.advance(5 * MINUTE);
    expect(await use(first)).toBe(42001);
  });

  it('force_refresh invalidates the previous token at once', async () => {
    await start();
    const first = String((await stable(credentials())).json.access_token);
    const forced = await stable({ ...credentials(), force_refresh: true });
    expect(forced.json.access_token).not.toBe(first);
    expect(forced.json.expires_in).toBe(7200);
    expect(await use(first)).toBe(40001);
    expect(await use(String(forced.json.access_token))).toBe(0);
  });

  it('force_refresh needs 30 s between calls (45011) and at most 20 a day (45009)', async () => {
    await start();
    expect(errcodeOf(await stable({ ...credentials(), force_refresh: true }))).toBeUndefined();
    clock.advance(30_000 - 1);
    expect(errcodeOf(await stable({ ...credentials(), force_refresh: true }))).toBe(45011);
    for (let i = 2; i <= 20; i++) {
      clock.advance(30_000);
      expect(errcodeOf(await stable({ ...credentials(), force_refresh: true }))).toBeUndefined();
    }
    clock.advance(30_000);
    expect(errcodeOf(await stable({ ...credentials(), force_refresh: true }))).toBe(45009);
    clock.advance(24 * 60 * MINUTE); // the next day (Beijing time)
    expect(errcodeOf(await stable({ ...credentials(), force_refresh: true }))).toBeUndefined();
  });

  it('classic and stable tokens do not invalidate each other', async () => {
    await start();
    const stableToken = String((await stable(credentials())).json.access_token);
    const classic = await classicToken(api, MINI);
    clock.advance(10 * MINUTE);
    const newerClassic = await classicToken(api, MINI);
    clock.advance(5 * MINUTE);
    expect(await use(classic)).toBe(40001);
    expect(await use(stableToken)).toBe(0);
    await stable({ ...credentials(), force_refresh: true });
    expect(await use(stableToken)).toBe(40001);
    expect(await use(newerClassic)).toBe(0);
  });

  it('issues a new stable token after world.invalidateTokens', async () => {
    await start();
    const first = String((await stable(credentials())).json.access_token);
    api.world.invalidateTokens(MINI.appId);
    const next = String((await stable(credentials())).json.access_token);
    expect(next).not.toBe(first);
    expect(await use(next)).toBe(0);
  });
});

describe('IP whitelist (SPEC §4.4)', () => {
  it('answers 40164 naming the client IP in both spellings', async () => {
    await start({ allowedIps: ['10.0.0.8'] });
    const classic = await getToken(credentials());
    expect(errcodeOf(classic)).toBe(40164);
    expect(classic.json.errmsg).toMatch(
      /^invalid ip 127\.0\.0\.1 ipv6 ::ffff:127\.0\.0\.1, not in whitelist rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/,
    );
    expect(errcodeOf(await stable(credentials()))).toBe(40164);
  });

  it('lets a listed IP through, in either spelling', async () => {
    await start({ allowedIps: ['::ffff:127.0.0.1'] });
    expect(errcodeOf(await getToken(credentials()))).toBeUndefined();
  });
});
