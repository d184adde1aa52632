import { describe, expect, it } from 'vitest';
import { AccessTokenManager } from '../../../src/auth/access-token.js';
import { type AccessTokenError, ApiError } from '../../../src/errors.js';
import { useLocalServer } from '../http/local-server.js';
import { APP_ID, ClockedCache, logSpy, manualClock, setup, tokenHandler } from './helpers.js';

const KEY = `access-token:${APP_ID}`;
const rejected = (token: string) =>
  ApiError.from(
    { errcode: 40001, errmsg: `invalid credential ${token.length}` },
    '/cgi-bin/message/custom/send',
  ) as AccessTokenError;

describe('AccessTokenManager.replacementFor (40001/40014/42001)', () => {
  const server = useLocalServer();

  function fixture(options: Parameters<typeof setup>[1] = {}) {
    const clock = manualClock();
    const cache = new ClockedCache(clock);
    const { settings, credentials, http } = setup(server.url, { clock, cache, ...options });
    return { clock, cache, tokens: new AccessTokenManager(settings, credentials, http) };
  }

  it('expires the failed token in process and in the Cache, and fetches a new one', async () => {
    const state = tokenHandler(server);
    const { cache, tokens } = fixture();
    const first = await tokens.getToken();
    expect(await tokens.replacementFor(first, rejected(first))).toBe('TOKEN_2_abcdefghij');
    expect(JSON.parse((await cache.get(KEY)) ?? '{}').token).toBe('TOKEN_2_abcdefghij');
    expect(state.forced).toEqual([false, false]);
  });

  it('leaves a token alone that already replaced the failed one (compare-and-expire)', async () => {
    const state = tokenHandler(server);
    const { tokens } = fixture();
    const first = await tokens.getToken();
    const second = await tokens.replacementFor(first, rejected(first));
    expect(await tokens.replacementFor(first, rejected(first))).toBe(second);
    expect(state.issued).toBe(2);
  });

  it('does not delete a newer token that another process stored', async () => {
    const state = tokenHandler(server);
    const { cache, tokens } = fixture();
    const first = await tokens.getToken();
    const newer = JSON.stringify({ token: 'OTHER_PROCESS_abcdefghij', expiresAt: 9e15, refreshAt: 9e15 });
    await cache.set(KEY, newer, 7_200_000);
    expect(await tokens.replacementFor(first, rejected(first))).toBe('OTHER_PROCESS_abcdefghij');
    expect(state.issued).toBe(1);
  });

  it('keeps a newer token another process stores between the read and the expire (atomic)', async () => {
    const state = tokenHandler(server);
    const { cache, tokens } = fixture();
    const first = await tokens.getToken();
    const newer = JSON.stringify({ token: 'RACED_IN_abcdefghij', expiresAt: 9e15, refreshAt: 9e15 });
    // The other process writes right after this one read the failed token: a plain delete would
    // remove the newer token and cost every process a fetch.
    const get = cache.get.bind(cache);
    let raced = false;
    cache.get = async (key) => {
      const value = await get(key);
      if (!raced && key === KEY) {
        raced = true;
        await cache.set(KEY, newer, 7_200_000);
      }
      return value;
    };
    expect(await tokens.replacementFor(first, rejected(first))).toBe('RACED_IN_abcdefghij');
    expect(await get(KEY)).toBe(newer);
    expect(state.issued).toBe(1);
  });

  it('makes one fetch for many concurrent callers whose token failed', async () => {
    const state = tokenHandler(server, { delayMs: 30 });
    const { tokens } = fixture();
    const first = await tokens.getToken();
    const next = await Promise.all(
      Array.from({ length: 50 }, () => tokens.replacementFor(first, rejected(first))),
    );
    expect(new Set(next)).toEqual(new Set(['TOKEN_2_abcdefghij']));
    expect(state.issued).toBe(2);
  });

  it('forces a refresh when stable_token hands back the token that failed, within the budget', async () => {
    const state = tokenHandler(server);
    state.answer = () => ({ access_token: 'STUCK_abcdefghij', expires_in: 7200 });
    const { clock, tokens } = fixture({ logger: logSpy() });
    const stuck = await tokens.getToken();
    state.answer = (seen) =>
      JSON.parse(seen.body.toString()).force_refresh
        ? { access_token: `FORCED_${state.forced.length}_abcdefghij`, expires_in: 7200 }
        : { access_token: 'STUCK_abcdefghij', expires_in: 7000 };
    expect(await tokens.replacementFor(stuck, rejected(stuck))).toMatch(/^FORCED_/);
    expect(state.forced).toEqual([false, false, true]);

    // The forced token fails too and stable_token hands it back again: another force must wait 30 s.
    const forced = await tokens.getToken();
    state.answer = () => ({ access_token: forced, expires_in: 7200 });
    const error = rejected(forced);
    await expect(tokens.replacementFor(forced, error)).rejects.toBe(error);
    clock.advance(30_001);
    state.answer = (seen) =>
      JSON.parse(seen.body.toString()).force_refresh
        ? { access_token: 'FORCED_AGAIN_abcdefghij', expires_in: 7200 }
        : { access_token: forced, expires_in: 7200 };
    expect(await tokens.replacementFor(forced, rejected(forced))).toBe('FORCED_AGAIN_abcdefghij');
  });

  it('stops forcing after 20 a day, counted in the shared Cache across processes', async () => {
    const state = tokenHandler(server);
    const logger = logSpy();
    const { clock, cache, tokens } = fixture({ logger });
    const other = fixture({ cache, clock, logger });
    let token = 'STUCK_0_abcdefghij';
    let forcedCount = 0;
    state.answer = (seen) => {
      if (!JSON.parse(seen.body.toString()).force_refresh) return { access_token: token, expires_in: 7200 };
      forcedCount++;
      token = `STUCK_${forcedCount}_abcdefghij`;
      return { access_token: token, expires_in: 7200 };
    };
    for (let i = 0; i < 20; i++) {
      const failing = token;
      expect(await tokens.replacementFor(failing, rejected(failing))).not.toBe(failing);
      clock.advance(31_000);
    }
    // Another process, sharing the Cache, finds the latest token refused too: a 21st force is refused.
    const error = rejected(token);
    await expect(other.tokens.replacementFor(token, error)).rejects.toBe(error);
    expect(forcedCount).toBe(20);
    expect(logger.lines.some((l) => l.includes('keeps failing'))).toBe(true);
  });

  it('never forces on the classic endpoint: a token that keeps failing is reported', async () => {
    const state = tokenHandler(server);
    state.answer = () => ({ access_token: 'CLASSIC_abcdefghij', expires_in: 7200 });
    const logger = logSpy();
    const { tokens } = fixture({ stableToken: false, logger });
    const token = await tokens.getToken();
    const error = rejected(token);
    await expect(tokens.replacementFor(token, error)).rejects.toBe(error);
    expect(server.requests.every((r) => r.url.startsWith('/cgi-bin/token?'))).toBe(true);
    expect(logger.lines.some((l) => l.includes('classic /cgi-bin/token endpoint handed it back'))).toBe(true);
  });

  it('asks the provider again, then with forceRefresh, and gives up if it still hands back the failed token', async () => {
    const calls: boolean[] = [];
    let next = 'P1_abcdefghij';
    const { tokens } = fixture({
      accessToken: async ({ forceRefresh }) => {
        calls.push(forceRefresh);
        return { token: next, expiresIn: 3_600_000 };
      },
    });
    const p1 = await tokens.getToken();
    next = 'P2_abcdefghij';
    expect(await tokens.replacementFor(p1, rejected(p1))).toBe('P2_abcdefghij');
    expect(calls).toEqual([false, false]);
    const error = rejected('P2_abcdefghij');
    await expect(tokens.replacementFor('P2_abcdefghij', error)).rejects.toBe(error);
    expect(calls).toEqual([false, false, false, true]);
    expect(server.requests).toHaveLength(0);
  });
});
