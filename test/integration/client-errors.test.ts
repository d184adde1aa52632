import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  HttpError,
  ReplyQuotaError,
  ReplyWindowError,
  TimeoutError,
  TypingError,
} from '../../src/errors.js';
import type { FakeApi } from '../../src/simulator/api/index.js';
import {
  hits,
  MINI,
  manualClock,
  miniApp,
  OFFICIAL,
  officialApp,
  recordingLogger,
  startApi,
} from './client-helpers.js';

const SEND = '/cgi-bin/message/custom/send';

describe('send errors and retries against the fake WeChat API', () => {
  let api: FakeApi;
  const clock = manualClock();
  beforeAll(async () => {
    api = await startApi({ clock });
  });
  afterAll(() => api.close());

  it('45015 outside the window → ReplyWindowError, sent once', async () => {
    api.world.userSent(MINI.appId, 'wrote-long-ago');
    clock.advance(48 * 3_600_000 + 1);
    // A new Application: the fake API's tokens expired with the 48 h its clock just moved.
    const app = miniApp(api);
    await app.accessToken.getToken();
    const before = hits(api, SEND);
    const error = await app.customerService
      .message('hi')
      .to('wrote-long-ago')
      .send()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplyWindowError);
    expect(error).toMatchObject({ errcode: 45015, path: SEND });
    expect((error as ApiError).rid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    expect(hits(api, SEND) - before).toBe(1);
  });

  it('45047 once the window’s 5 messages are used → ReplyQuotaError, sent once', async () => {
    const app = miniApp(api);
    api.world.userSent(MINI.appId, 'chatty');
    for (let i = 0; i < 5; i++) await app.customerService.message(`m${i}`).to('chatty').send();
    const before = hits(api, SEND);
    await expect(app.customerService.message('sixth').to('chatty').send()).rejects.toBeInstanceOf(
      ReplyQuotaError,
    );
    expect(hits(api, SEND) - before).toBe(1);
  });

  it('-1 on a send is not retried: the message may have been delivered', async () => {
    const app = miniApp(api, { http: { maxRetries: 3 } });
    api.world.userSent(MINI.appId, 'busy');
    await app.accessToken.getToken();
    const before = hits(api, SEND);
    api.world.inject(SEND, { errcode: -1, errmsg: 'system error' });
    const error = await app.customerService
      .message('x')
      .to('busy')
      .send()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).errcode).toBe(-1);
    expect(hits(api, SEND) - before).toBe(1);
  });

  it('a 5xx on a send is not retried; a 5xx on a token fetch is', async () => {
    const app = miniApp(api, { http: { maxRetries: 2 } });
    api.world.inject('/cgi-bin/stable_token', { status: 502, body: 'bad gateway' });
    await expect(app.accessToken.getToken()).resolves.toEqual(expect.any(String));
    api.world.userSent(MINI.appId, 'gateway');
    const before = hits(api, SEND);
    api.world.inject(SEND, { status: 503 });
    await expect(app.customerService.message('x').to('gateway').send()).rejects.toBeInstanceOf(HttpError);
    expect(hits(api, SEND) - before).toBe(1);
  });

  it('a slow answer → TimeoutError after the per-call timeout, not retried for a send', async () => {
    const logger = recordingLogger();
    const app = miniApp(api, { http: { maxRetries: 2 }, logger });
    api.world.userSent(MINI.appId, 'slow');
    await app.accessToken.getToken();
    api.world.inject(SEND, { delayMs: 1_000 });
    const error = await app.customerService
      .message('x')
      .to('slow')
      .send({ timeout: 200 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeout: 200, path: SEND });
    // The call has settled, so its attempts are final: every retry would have logged first.
    expect(logger.lines.filter((line) => line.startsWith('retrying'))).toEqual([]);
  });

  it('a slow token fetch is retried after its timeout', async () => {
    const logger = recordingLogger();
    const app = miniApp(api, { http: { maxRetries: 2, timeout: 200 }, logger });
    api.world.inject('/cgi-bin/stable_token', { delayMs: 1_000 });
    await expect(app.accessToken.getToken()).resolves.toEqual(expect.any(String));
    expect(logger.lines.filter((line) => line.startsWith('retrying'))).toHaveLength(1);
  });

  it('a caller’s signal aborts the send with its reason', async () => {
    const app = miniApp(api);
    api.world.userSent(MINI.appId, 'abort');
    await app.accessToken.getToken();
    api.world.inject(SEND, { delayMs: 5_000 });
    const controller = new AbortController();
    const reason = new Error('client hung up');
    setTimeout(() => controller.abort(reason), 50);
    await expect(
      app.customerService.message('x').to('abort').send({ signal: controller.signal }),
    ).rejects.toBe(reason);
  });

  it('typing: business/typing for mini programs, custom/typing for official accounts; 45080 → TypingError', async () => {
    const mini = miniApp(api);
    api.world.userSent(MINI.appId, 'quiet');
    clock.advance(31_000);
    await expect(mini.typing.set('quiet')).rejects.toBeInstanceOf(TypingError);
    api.world.userSent(MINI.appId, 'typist');
    await expect(mini.typing.set('typist')).resolves.toMatchObject({ errcode: 0 });
    expect(api.world.typingState(MINI.appId, 'typist')).toBe('Typing');
    await expect(mini.typing.set('typist')).resolves.toMatchObject({ errcode: 45081 });
    await mini.typing.set('typist', 'CancelTyping');
    expect(api.world.typingState(MINI.appId, 'typist')).toBe('None');
    const oa = officialApp(api);
    api.world.userSent(OFFICIAL.appId, 'oa-typist');
    await oa.typing.set('oa-typist');
    expect(api.world.requests().at(-1)).toMatchObject({
      path: '/cgi-bin/message/custom/typing',
      status: 200,
    });
    expect(api.world.typingState(OFFICIAL.appId, 'oa-typist')).toBe('Typing');
  });
});
