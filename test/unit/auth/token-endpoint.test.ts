import { describe, expect, it } from 'vitest';
import { fetchToken } from '../../../src/auth/token-endpoint.js';
import { HttpError, TimeoutError } from '../../../src/errors.js';
import { type Handler, json, useLocalServer } from '../http/local-server.js';
import { APP_ID, logSpy, SECRET, setup } from './helpers.js';

/** Never answers: the request reached the server, then the client's timeout fires. */
const hang: Handler = () => {};

/**
 * A forced refresh spends one of 20 a day and invalidates the current token: once it may have
 * reached WeChat it must not be sent again. A normal fetch is harmless to repeat.
 */
describe('fetchToken retries (stable_token)', () => {
  const server = useLocalServer();

  const fetch = (force: boolean) => {
    const { http } = setup(server.url, { http: { timeout: 100, maxRetries: 2 }, logger: logSpy() });
    return fetchToken(http, { appId: APP_ID, secret: SECRET, stable: true, force });
  };

  it.each([
    ['HTTP 500', json({ errmsg: 'busy' }, 500), HttpError],
    ['a timeout after the request arrived', hang, TimeoutError],
  ])('sends a forced refresh once on %s', async (_name, handler, type) => {
    server.handle(handler);
    await expect(fetch(true)).rejects.toBeInstanceOf(type);
    expect(server.requests).toHaveLength(1);
    expect(JSON.parse(server.requests[0]?.body.toString() ?? '{}').force_refresh).toBe(true);
  });

  it.each([
    ['HTTP 500', json({ errmsg: 'busy' }, 500), HttpError],
    ['a timeout after the request arrived', hang, TimeoutError],
  ])('retries a normal fetch on %s', async (_name, handler, type) => {
    server.handle(handler);
    await expect(fetch(false)).rejects.toBeInstanceOf(type);
    expect(server.requests).toHaveLength(3);
  });
});
