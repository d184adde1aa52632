import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Application } from '../../src/application.js';
import type { FakeApi } from '../../src/simulator/api/index.js';
import { MINI, recordingLogger, startApi } from './client-helpers.js';

const SEND = '/cgi-bin/message/custom/send';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const PUSH_TOKEN = 'push-token-for-signatures';

/** Every way an error or the Application can be printed. */
function renderings(value: unknown): string[] {
  const out = [
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    String(JSON.stringify(value)),
  ];
  if (value instanceof Error) {
    out.push(value.message, String(value.stack));
    let cause: unknown = value.cause;
    while (cause !== undefined && cause !== null) {
      out.push(inspect(cause, { depth: Number.POSITIVE_INFINITY, showHidden: true }), String(cause));
      cause = cause instanceof Error ? cause.cause : undefined;
    }
  }
  return out;
}

describe('no secret in errors, logs or printed objects', () => {
  let api: FakeApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('holds for every kind of client failure, with stable and classic tokens', async () => {
    const logger = recordingLogger();
    const options = {
      appId: MINI.appId,
      secret: MINI.secret,
      token: PUSH_TOKEN,
      aesKey: AES_KEY,
      baseUrl: api.url,
      logger,
      http: { maxRetries: 1, timeout: 300 },
    };
    const app = new Application(options);
    const classic = new Application({ ...options, stableToken: false });
    const wrongSecret = new Application({
      ...options,
      secret: 'wrong-secret-0123456789abcdef',
      stableToken: false,
    });
    const accessTokens = new Set<string>();
    const failures: unknown[] = [];
    const fail = async (run: () => Promise<unknown>) => {
      failures.push(
        await run().then(
          () => new Error('expected a failure'),
          (error: unknown) => error,
        ),
      );
      accessTokens.add(await app.accessToken.getToken());
      accessTokens.add(await classic.accessToken.getToken());
    };
    api.world.userSent(MINI.appId, 'victim');
    const send =
      (target = app) =>
      () =>
        target.customerService.message('hi').to('victim').send();

    await fail(() => app.customerService.message('hi').to('stranger').send()); // 40003
    api.world.inject(SEND, { errcode: 40001, errmsg: 'invalid credential' }, 2);
    await fail(send()); // AccessTokenError after one replay
    api.world.inject(SEND, { delayMs: 2_000 });
    await fail(send()); // TimeoutError
    api.world.inject(SEND, { status: 500, body: 'oops' });
    await fail(send()); // HttpError
    api.world.inject(SEND, { destroy: true });
    await fail(send()); // NetworkError (socket closed after the request was written)
    api.world.invalidateTokens(MINI.appId);
    api.world.inject(SEND, { destroy: true });
    await fail(send(classic)); // classic token path, then a network error
    await fail(() => wrongSecret.accessToken.getToken()); // token endpoint refuses the secret
    api.world.inject('/cgi-bin/token', { destroy: true }, 2);
    await fail(() => wrongSecret.accessToken.getToken({ forceRefresh: true })); // network error on the classic GET
    await fail(() => new Application({ appId: MINI.appId, baseUrl: api.url }).media.get('x')); // missing secret

    expect(failures.map((f) => (f as Error).name)).toEqual([
      'InvalidOpenIdError',
      'AccessTokenError',
      'TimeoutError',
      'HttpError',
      'NetworkError',
      'NetworkError',
      'ApiError',
      'NetworkError',
      'ConfigError',
    ]);
    expect(accessTokens.size).toBeGreaterThan(1);
    const secrets = [MINI.secret, 'wrong-secret-0123456789abcdef', AES_KEY, PUSH_TOKEN, ...accessTokens];
    const printed = [
      ...failures.flatMap(renderings),
      ...[app, classic, app.accessToken, app.customerService, app.media, app.typing].flatMap(renderings),
      logger.lines.join('\n'),
    ].join('\n');
    for (const secret of secrets) expect(printed).not.toContain(secret);
    expect(logger.lines.length).toBeGreaterThan(0);
  });
});
