import { getEventListeners } from 'node:events';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, NetworkError, PayloadTooLargeError, TimeoutError } from '../../src/errors.js';
import { deferred } from '../helpers/deferred.js';
import {
  file,
  type MediaHandler,
  mediaApp,
  notHanging,
  startMediaServer,
  trickle,
} from './media-download-helpers.js';

const CHUNK = Buffer.alloc(10, 0x11);
const PATH = '/cgi-bin/media/get';

/** `handler`, resolving `started` once it has written `chunks` writes of its body. */
function counted(handler: MediaHandler, chunks: number) {
  const started = deferred();
  const wrapped: MediaHandler = (response) => {
    let writes = 0;
    const write = response.write.bind(response);
    response.write = ((...args: Parameters<typeof write>) => {
      if (++writes === chunks) started.resolve();
      return write(...args);
    }) as typeof response.write;
    handler(response);
  };
  return { handler: wrapped, started: started.promise };
}

describe('media downloads keep the caller’s signal and limits until the last byte', () => {
  let server: Awaited<ReturnType<typeof startMediaServer>>;
  beforeAll(async () => {
    server = await startMediaServer();
  });
  afterAll(() => server.close());

  // The bug was below 5 s, where the SDK's own deadline let go of the signal at the headers.
  it('stream: an abort mid-body destroys the stream with the caller’s reason and the connection', async () => {
    server.handle(trickle(CHUNK, 50));
    const controller = new AbortController();
    const { body } = await mediaApp(server.url).media.stream('M', {
      signal: controller.signal,
      timeout: 1_000,
    });
    body.resume();
    await new Promise((resolve) => body.once('data', resolve));
    const reason = new Error('the caller gave up');
    controller.abort(reason);
    await expect(notHanging(finished(body), 'the stream')).rejects.toBe(reason);
    await notHanging(server.closed, 'the connection');
  });

  // A stream handed to the caller fails with the SDK's errors, not undici's, once it is read.
  it('stream: a body that stalls past the timeout fails with TimeoutError', async () => {
    server.handle((response) => {
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      response.write(CHUNK); // then nothing more, and no end
    });
    const { body } = await mediaApp(server.url).media.stream('M', { timeout: 1_000 });
    body.resume();
    const error = await notHanging(finished(body), 'the stream').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ path: PATH, timeout: 1_000 });
  });

  it('stream: a connection reset mid-body fails with NetworkError', async () => {
    server.handle((response) => {
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      response.write(CHUNK, () => setTimeout(() => response.socket?.destroy(), 20));
    });
    const { body } = await mediaApp(server.url).media.stream('M');
    body.resume();
    const error = await notHanging(finished(body), 'the stream').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ path: PATH });
  });

  it('get: an abort mid-body rejects with the caller’s reason and closes the connection', async () => {
    const { handler, started } = counted(trickle(CHUNK, 50), 5);
    server.handle(handler);
    const controller = new AbortController();
    const pending = mediaApp(server.url).media.get('M', { signal: controller.signal, timeout: 4_000 });
    await started; // 5 chunks written: the client has the headers and is reading the body
    const reason = new Error('the caller gave up');
    controller.abort(reason);
    await expect(notHanging(pending, 'media.get')).rejects.toBe(reason);
    await notHanging(server.closed, 'the connection');
  });

  // 5 s is where undici's own timers take over (each bounds a phase, never the whole body).
  it.each([1_000, 5_000])(
    'get: a body trickling past timeout %i rejects with TimeoutError',
    async (timeout) => {
      server.handle(trickle(CHUNK, 200));
      const signal = new AbortController().signal;
      const error = await notHanging(
        mediaApp(server.url)
          .media.get('M', { signal, timeout, maxRetries: 0 })
          .catch((e: unknown) => e),
        'media.get',
        timeout + 8_000,
      );
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ timeout, path: PATH });
      await notHanging(server.closed, 'the connection');
      expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    },
  );

  it('get: a Content-Length over maxBytes rejects before reading, and closes the connection', async () => {
    server.handle((response) => {
      response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': 2_000 });
      response.write(CHUNK); // and nothing more: the SDK must not wait for the rest
    });
    const signal = new AbortController().signal;
    const error = await notHanging(
      mediaApp(server.url)
        .media.get('M', { signal, maxBytes: 1_000 })
        .catch((e: unknown) => e),
      'media.get',
    );
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error).toMatchObject({ limit: 1_000 });
    await notHanging(server.closed, 'the connection');
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('get: refuses more than 10 MB by default, WeChat’s largest temporary media', async () => {
    server.handle((response) => {
      response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': 10 * 1024 * 1024 + 1 });
      response.write(CHUNK);
    });
    const pending = mediaApp(server.url)
      .media.get('M')
      .catch((e: unknown) => e);
    const error = await notHanging(pending, 'media.get');
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error).toMatchObject({ limit: 10 * 1024 * 1024 });
  });

  it('get: a chunked body growing past maxBytes rejects as it arrives, and closes the connection', async () => {
    server.handle(trickle(Buffer.alloc(1_024, 0x22), 5));
    const error = await notHanging(
      mediaApp(server.url)
        .media.get('M', { maxBytes: 10_000 })
        .catch((e: unknown) => e),
      'media.get',
    );
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error).toMatchObject({ limit: 10_000 });
    await notHanging(server.closed, 'the connection');
  });

  it.each([0, -1, 1.5, Number.NaN])('get: refuses maxBytes %s before sending', async (maxBytes) => {
    server.handle(file(Buffer.from('never asked for'), 'attachment'));
    const error = await mediaApp(server.url)
      .media.get('M', { maxBytes })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ option: 'maxBytes' });
  });

  it.each([
    ['attachment; filename="../../x"', 'x'],
    ['attachment; filename="..\\\\..\\\\evil.jpg"', 'evil.jpg'],
    ['attachment; filename=/etc/passwd', 'passwd'],
    ['attachment; filename="a\tb.jpg"', 'ab.jpg'],
    ['attachment; filename="../.."', 'M.jpg'],
    ['attachment; filename="/"', 'M.jpg'],
  ])('reduces the filename of %s to %s, for get and stream', async (disposition, expected) => {
    const data = Buffer.from('jpeg bytes');
    server.handle(file(data, disposition));
    const app = mediaApp(server.url);
    await expect(app.media.get('M')).resolves.toMatchObject({ data, filename: expected });
    const signal = new AbortController().signal;
    const streamed = await app.media.stream('M', { signal, timeout: 1_000 });
    expect(streamed.filename).toBe(expected);
    expect(Buffer.concat(await streamed.body.toArray())).toEqual(data);
    await finished(streamed.body);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });
});
