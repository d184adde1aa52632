import { inspect } from 'node:util';
import { Agent, type Dispatcher, MockAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  HttpError,
  NetworkError,
  RateLimitError,
  ReplyQuotaError,
  ReplyWindowError,
  TimeoutError,
} from '../../../src/errors.js';
import { HttpClient, type HttpRequest } from '../../../src/http/client.js';
import type { Logger } from '../../../src/logger.js';
import { type ApplicationOptions, resolveOptions } from '../../../src/options.js';
import { destroy, json, type LocalServer, sequence, startLocalServer } from './local-server.js';

const TOKEN = 'ACCESS_TOKEN_abcdefghijklmnop';

function recordingLogger(): Logger & { warnings: Record<string, unknown>[]; lines: string[] } {
  const warnings: Record<string, unknown>[] = [];
  const lines: string[] = [];
  const log = (context: Record<string, unknown>, message: string) =>
    lines.push(`${message} ${JSON.stringify(context)}`);
  return {
    warnings,
    lines,
    debug: log,
    info: log,
    warn: (context, message) => {
      warnings.push(context);
      log(context, message);
    },
    error: log,
  };
}

function client(
  baseUrl: string,
  options: Partial<ApplicationOptions> = {},
  logger = recordingLogger(),
  backoff = { baseMs: 1, capMs: 4 },
) {
  const { settings } = resolveOptions({ appId: 'wx1234567890abcdef', baseUrl, logger, ...options });
  return new HttpClient(settings, { backoff });
}

const send = (extra: Partial<HttpRequest> = {}): HttpRequest => ({
  method: 'POST',
  path: '/cgi-bin/message/custom/send',
  query: `access_token=${TOKEN}`,
  body: '{"touser":"o1","msgtype":"text","text":{"content":"hi"}}',
  retry: 'unsent-only',
  ...extra,
});

const get = (extra: Partial<HttpRequest> = {}): HttpRequest => ({
  method: 'GET',
  path: '/cgi-bin/getcallbackip',
  query: `access_token=${TOKEN}`,
  retry: 'idempotent',
  ...extra,
});

describe('HttpClient', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer();
  });
  afterAll(() => server.close());
  const fresh = () => {
    server.requests.length = 0;
  };

  it('POSTs JSON with the query and content-type, and returns the parsed answer', async () => {
    fresh();
    server.handle(json({ errcode: 0, errmsg: 'ok' }));
    const answer = await client(server.url).json(send());
    expect(answer).toEqual({ errcode: 0, errmsg: 'ok' });
    const [seen] = server.requests;
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe(`/cgi-bin/message/custom/send?access_token=${TOKEN}`);
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers['content-length']).toBe(String(Buffer.byteLength(send().body as string)));
    expect(seen?.body.toString()).toBe(send().body);
  });

  it('keeps a path prefix of baseUrl', async () => {
    fresh();
    server.handle(json({ ip_list: ['1.2.3.4'] }));
    const answer = await client(`${server.url}/proxy/wechat`).json<{ ip_list: string[] }>(get());
    expect(answer.ip_list).toEqual(['1.2.3.4']);
    expect(server.requests[0]?.url).toBe(`/proxy/wechat/cgi-bin/getcallbackip?access_token=${TOKEN}`);
  });

  it('turns a 200 with a non-zero errcode into the ApiError subclass, with rid and a token-free path', async () => {
    fresh();
    server.handle(
      json({ errcode: 45015, errmsg: 'response out of time limit rid: 1a2b3c4d-5e6f7a8b-9c0d1e2f' }),
    );
    const error = await client(server.url)
      .json(send())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReplyWindowError);
    expect(error).toMatchObject({
      errcode: 45015,
      rid: '1a2b3c4d-5e6f7a8b-9c0d1e2f',
      path: '/cgi-bin/message/custom/send',
    });
    expect(inspect(error)).not.toContain(TOKEN);
  });

  it('treats a missing errcode or errcode 0 as success', async () => {
    fresh();
    server.handle(json({ type: 'image', media_id: 'M', created_at: 1 }));
    await expect(client(server.url).json(get())).resolves.toEqual({
      type: 'image',
      media_id: 'M',
      created_at: 1,
    });
  });

  it('reads an errcode sent as a string as the error it is, never as success', async () => {
    fresh();
    server.handle(json({ errcode: '45015', errmsg: 'response out of time limit' }));
    await expect(client(server.url).json(send())).rejects.toBeInstanceOf(ReplyWindowError);
    server.handle(json({ errcode: 'oops' }));
    await expect(client(server.url, { http: { maxRetries: 0 } }).json(get())).rejects.toBeInstanceOf(
      HttpError,
    );
    server.handle(json({ errcode: '0', errmsg: 'ok' }));
    await expect(client(server.url).json(get())).resolves.toEqual({ errcode: '0', errmsg: 'ok' });
  });

  it('refuses a body that is not a JSON object with an HttpError', async () => {
    fresh();
    server.handle((_r, res) => res.end('<html>proxy error</html>'));
    const error = await client(server.url, { http: { maxRetries: 0 } })
      .json(get())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(200);
  });

  it('retries an idempotent call on 5xx and errcode -1, then succeeds', async () => {
    fresh();
    server.handle(sequence(json({}, 502), json({ errcode: -1, errmsg: 'system error' }), json({ ok: 1 })));
    const logger = recordingLogger();
    await expect(client(server.url, {}, logger).json(get())).resolves.toEqual({ ok: 1 });
    expect(server.requests).toHaveLength(3);
    expect(logger.warnings.map((w) => w.retry)).toEqual([1, 2]);
  });

  it('gives up after maxRetries with the last error', async () => {
    fresh();
    server.handle(json({}, 503));
    const error = await client(server.url, { http: { maxRetries: 1 } })
      .json(get())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(503);
    expect(server.requests).toHaveLength(2);
  });

  it('honours a per-call maxRetries', async () => {
    fresh();
    server.handle(json({}, 503));
    await expect(client(server.url).json(get({ maxRetries: 0 }))).rejects.toBeInstanceOf(HttpError);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    [45009, RateLimitError],
    [45011, RateLimitError],
    [45015, ReplyWindowError],
    [45047, ReplyQuotaError],
  ])('never retries errcode %i, even for an idempotent call', async (errcode, type) => {
    fresh();
    server.handle(json({ errcode, errmsg: 'quota' }));
    await expect(client(server.url).json(get())).rejects.toBeInstanceOf(type);
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a message send on -1 or 5xx: it may have reached WeChat', async () => {
    fresh();
    server.handle(json({ errcode: -1, errmsg: 'system error' }));
    const error = await client(server.url)
      .json(send())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).errcode).toBe(-1);
    server.handle(json({}, 500));
    await expect(client(server.url).json(send())).rejects.toBeInstanceOf(HttpError);
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry a message send when the socket closes after the request was written', async () => {
    fresh();
    server.handle(destroy);
    const error = await client(server.url)
      .json(send())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(server.requests).toHaveLength(1);
  });

  it('retries an idempotent call when the socket closes', async () => {
    fresh();
    server.handle(sequence(destroy, json({ ok: 1 })));
    await expect(client(server.url).json(get())).resolves.toEqual({ ok: 1 });
    expect(server.requests).toHaveLength(2);
  });

  it('retries a message send on connection refused (it was never written)', async () => {
    const closed = await startLocalServer();
    const url = closed.url;
    await closed.close();
    const logger = recordingLogger();
    const error = await client(url, { http: { maxRetries: 2 } }, logger)
      .json(send())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).cause).toMatchObject({ code: 'ECONNREFUSED' });
    expect(logger.warnings).toHaveLength(2);
    expect(inspect(error, { depth: 5 })).not.toContain(TOKEN);
    expect(logger.lines.join('\n')).not.toContain(TOKEN);
  });

  it('rejects with TimeoutError when an attempt takes longer than timeout', async () => {
    fresh();
    server.handle((_r, res) => setTimeout(() => res.end('{}'), 3_000).unref());
    const error = await client(server.url)
      .json(send({ timeout: 50 }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeout: 50, path: '/cgi-bin/message/custom/send' });
    expect(server.requests).toHaveLength(1);
  });

  it('keeps a short timeout exact with its own deadline, where undici’s timers tick about once a second', async () => {
    fresh();
    // Answers after 700 ms: undici's coarse headersTimeout alone would often let this succeed.
    server.handle((_r, res) => setTimeout(() => res.end('{}'), 700).unref());
    const signals: Array<AbortSignal | undefined> = [];
    class Recording extends Agent {
      override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
        signals.push((options as { signal?: AbortSignal }).signal);
        return super.dispatch(options, handler);
      }
    }
    const dispatcher = new Recording();
    const error = await client(server.url, { http: { dispatcher, maxRetries: 0 } })
      .json(get({ timeout: 100 }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(signals[0]?.aborted).toBe(true);
    server.handle(json({ ok: 1 }));
    await client(server.url, { http: { dispatcher } }).json(get({ timeout: 10_000 }));
    expect(signals[1]).toBeUndefined(); // long timeouts cost nothing per call: undici's own timers
    await dispatcher.close();
  });

  it('retries an idempotent call after a timeout', async () => {
    fresh();
    server.handle(sequence((_r, res) => setTimeout(() => res.end('{}'), 3_000).unref(), json({ ok: 1 })));
    await expect(client(server.url).json(get({ timeout: 100 }))).resolves.toEqual({ ok: 1 });
    expect(server.requests).toHaveLength(2);
  });

  it('rejects with the signal’s reason when the caller aborts', async () => {
    fresh();
    const controller = new AbortController();
    const reason = new Error('user went away');
    // Abort once the request has reached the server, while the answer is pending.
    server.handle(() => controller.abort(reason));
    await expect(client(server.url).json(get({ signal: controller.signal }))).rejects.toBe(reason);
    const aborted = AbortSignal.abort(reason);
    await expect(client(server.url).json(get({ signal: aborted }))).rejects.toBe(reason);
    expect(server.requests).toHaveLength(1);
  });

  it('stops a retry backoff when the caller aborts', async () => {
    fresh();
    const controller = new AbortController();
    const reason = new Error('no more waiting');
    server.handle((_r, res) => {
      res.writeHead(503);
      res.end();
      setTimeout(() => controller.abort(reason), 10);
    });
    const slowBackoff = { baseMs: 60_000, capMs: 60_000 };
    const pending = client(server.url, {}, recordingLogger(), slowBackoff).json(
      get({ signal: controller.signal }),
    );
    await expect(pending).rejects.toBe(reason);
    expect(server.requests).toHaveLength(1);
  });

  it('refuses bad per-call options before sending', async () => {
    fresh();
    await expect(client(server.url).json(get({ timeout: -1 }))).rejects.toMatchObject({ option: 'timeout' });
    await expect(client(server.url).json(get({ maxRetries: 1.5 }))).rejects.toMatchObject({
      option: 'maxRetries',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('uses the dispatcher given in options', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get('https://api.weixin.qq.com')
      .intercept({ path: `/cgi-bin/getcallbackip?access_token=${TOKEN}`, method: 'GET' })
      .reply(200, { ip_list: ['9.9.9.9'] });
    const http = client('https://api.weixin.qq.com', { http: { dispatcher: agent } });
    await expect(http.json(get())).resolves.toEqual({ ip_list: ['9.9.9.9'] });
    await agent.close();
  });

  it('downloads bytes as a stream and JSON answers as values, errcode JSON as errors', async () => {
    fresh();
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    server.handle(
      sequence(
        (_r, res) => {
          res.writeHead(200, { 'content-type': 'image/png' });
          res.end(bytes);
        },
        json({ video_url: 'http://example.com/v.mp4' }),
        (_r, res) => {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('{"errcode":40007,"errmsg":"invalid media_id"}');
        },
      ),
    );
    const http = client(server.url);
    const media = await http.download(get({ path: '/cgi-bin/media/get' }));
    expect(media.kind).toBe('body');
    if (media.kind === 'body') expect(Buffer.concat(await media.body.toArray())).toEqual(bytes);
    const video = await http.download(get({ path: '/cgi-bin/media/get' }));
    expect(video).toMatchObject({ kind: 'json', value: { video_url: 'http://example.com/v.mp4' } });
    await expect(http.download(get({ path: '/cgi-bin/media/get' }))).rejects.toMatchObject({
      errcode: 40007,
    });
  });
});
