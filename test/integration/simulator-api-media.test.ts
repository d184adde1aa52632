import { connect } from 'node:net';
import { request } from 'undici';
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

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 7)]);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(40, 1),
]);
const AMR = Buffer.from('#!AMR\n\u0000\u0001\u0002');
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(20)]);
const BOUNDARY = '----fakeapi7MA4YWxkTrZu0gW';
const DAY = 24 * 3_600_000;

interface Part {
  name?: string;
  filename?: string | undefined;
  contentType?: string | undefined;
  data: Buffer;
}

/** A multipart/form-data body written by hand, so each test controls every header. */
function multipart(parts: Part[], boundary = BOUNDARY): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename = part.filename === undefined ? '' : `; filename="${part.filename}"`;
    const type = part.contentType === undefined ? '' : `\r\nContent-Type: ${part.contentType}`;
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name ?? 'media'}"${filename}${type}\r\n\r\n`;
    chunks.push(Buffer.from(head), part.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

let api: FakeApi;
let clock: ManualClock;
let miniToken: string;
let oaToken: string;
afterEach(() => api.close());

async function start(extra = {}): Promise<void> {
  ({ api, clock } = await startApi({ tokenTtlSeconds: 30 * 24 * 3600, ...extra }));
  miniToken = await classicToken(api, MINI);
  oaToken = await classicToken(api, OFFICIAL);
}

function upload(body: Buffer, type: string | null = 'image', token = miniToken, contentType?: string) {
  return call(api, 'POST', '/cgi-bin/media/upload', {
    query: { access_token: token, ...(type === null ? {} : { type }) },
    body,
    headers: { 'content-type': contentType ?? `multipart/form-data; boundary=${BOUNDARY}` },
  });
}

const jpegPart = (extra: Partial<Part> = {}): Part => ({
  filename: 'photo.jpg',
  contentType: 'image/jpeg',
  data: JPEG,
  ...extra,
});

function download(mediaId: string, token = miniToken): Promise<CallResult> {
  return call(api, 'GET', '/cgi-bin/media/get', { query: { access_token: token, media_id: mediaId } });
}

describe('POST /cgi-bin/media/upload (SPEC §6.1)', () => {
  it('stores the file and answers {type, media_id, created_at}', async () => {
    await start();
    const result = await upload(multipart([{ name: 'note', data: Buffer.from('x') }, jpegPart()]));
    expect(Object.keys(result.json).sort()).toEqual(['created_at', 'media_id', 'type']);
    expect(result.json.type).toBe('image');
    expect(result.json.created_at).toBe(Math.floor(clock() / 1000));
    expect(result.json.media_id).toMatch(/^[0-9A-Za-z_-]{64}$/);
    const stored = api.world.getMedia(MINI.appId, String(result.json.media_id));
    expect(stored).toMatchObject({ type: 'image', contentType: 'image/jpeg', filename: 'photo.jpg' });
    expect(stored?.data.equals(JPEG)).toBe(true);
  });

  it('needs a multipart body with a part named media (41005)', async () => {
    await start();
    expect(errcodeOf(await upload(multipart([jpegPart({ name: 'file' })])))).toBe(41005);
    expect(errcodeOf(await upload(JPEG, 'image', miniToken, 'image/jpeg'))).toBe(41005);
    const truncated = multipart([jpegPart()]).subarray(0, 120);
    expect(errcodeOf(await upload(truncated))).toBe(41005);
  });

  it('needs a filename and a Content-Type that agree with the bytes (40005)', async () => {
    await start();
    expect(errcodeOf(await upload(multipart([jpegPart({ filename: undefined })])))).toBe(40005);
    expect(errcodeOf(await upload(multipart([jpegPart({ contentType: undefined })])))).toBe(40005);
    expect(errcodeOf(await upload(multipart([jpegPart({ contentType: 'application/octet-stream' })])))).toBe(
      40005,
    );
    expect(errcodeOf(await upload(multipart([jpegPart({ filename: 'photo.png' })])))).toBe(40005);
    expect(errcodeOf(await upload(multipart([jpegPart({ filename: 'photo.txt' })])))).toBe(40005);
    expect(errcodeOf(await upload(multipart([jpegPart({ data: Buffer.from('not an image') })])))).toBe(40005);
    const png = await upload(multipart([{ filename: 'p.PNG', contentType: 'image/png', data: PNG }]));
    expect(png.json.type).toBe('image');
  });

  it('refuses empty files (40009) and files over the type limit (45001)', async () => {
    await start({ mediaMaxBytes: { image: 100 } });
    expect(errcodeOf(await upload(multipart([jpegPart({ data: Buffer.alloc(0) })])))).toBe(40009);
    const big = Buffer.concat([JPEG, Buffer.alloc(101 - JPEG.length)]);
    expect(errcodeOf(await upload(multipart([jpegPart({ data: big })])))).toBe(45001);
    expect(errcodeOf(await upload(multipart([jpegPart({ data: big.subarray(0, 100) })])))).toBeUndefined();
  });

  it('allows only images for mini programs; other types for official accounts (40004)', async () => {
    await start();
    const voice = multipart([{ filename: 'v.amr', contentType: 'audio/amr', data: AMR }]);
    expect(errcodeOf(await upload(voice, 'voice'))).toBe(40004);
    expect(errcodeOf(await upload(multipart([jpegPart()]), null))).toBe(40004);
    expect(errcodeOf(await upload(multipart([jpegPart()]), 'picture', oaToken))).toBe(40004);
    expect((await upload(voice, 'voice', oaToken)).json.type).toBe('voice');
    expect(errcodeOf(await upload(multipart([jpegPart()]), 'voice', oaToken))).toBe(40005);
  });

  it('refuses a body over the upload limit before reading it, and closes the connection', async () => {
    await start();
    const { port } = new URL(api.url);
    const socket = connect(Number(port), '127.0.0.1');
    const answer = new Promise<string>((resolve, reject) => {
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString('latin1');
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    socket.write(
      `POST /cgi-bin/media/upload?access_token=${miniToken}&type=image HTTP/1.1\r\nHost: x\r\n` +
        `Content-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: 104857600\r\n\r\n`,
    );
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 200/);
    expect(text.toLowerCase()).toContain('connection: close');
    expect(text).toContain('"errcode":45001');
  });
});

describe('GET /cgi-bin/media/get (SPEC §6.2)', () => {
  it('returns the bytes with WeChat headers', async () => {
    await start();
    const mediaId = api.world.putMedia(MINI.appId, {
      type: 'image',
      data: PNG,
      contentType: 'image/png',
      filename: 'x.png',
    });
    const response = await request(
      `${api.url}/cgi-bin/media/get?access_token=${miniToken}&media_id=${mediaId}`,
    );
    const bytes = Buffer.from(await response.body.arrayBuffer());
    expect(bytes.equals(PNG)).toBe(true);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${mediaId}.png"`);
    expect(response.headers['cache-control']).toBe('no-cache, must-revalidate');
    expect(response.headers['content-length']).toBe(String(PNG.length));
  });

  it('answers 40007 for unknown, foreign and 3-day-old media', async () => {
    await start();
    const mediaId = String((await upload(multipart([jpegPart()]))).json.media_id);
    expect(errcodeOf(await download('nope'))).toBe(40007);
    expect(errcodeOf(await download(mediaId, oaToken))).toBe(40007);
    clock.advance(3 * DAY - 1);
    expect((await download(mediaId)).bytes.equals(JPEG)).toBe(true);
    clock.advance(1);
    const expired = await download(mediaId);
    expect(errcodeOf(expired)).toBe(40007);
    expect(String(expired.json.errmsg)).toMatch(/^invalid media_id rid: /);
    expect(api.world.getMedia(MINI.appId, mediaId)).toBeUndefined();
  });

  it('answers {video_url} for official-account video, which serves the bytes', async () => {
    await start();
    const video = multipart([{ filename: 'v.mp4', contentType: 'video/mp4', data: MP4 }]);
    const mediaId = String((await upload(video, 'video', oaToken)).json.media_id);
    const result = await download(mediaId, oaToken);
    expect(result.json.video_url).toMatch(new RegExp(`^${api.url}/`));
    const fetched = await request(String(result.json.video_url));
    expect(Buffer.from(await fetched.body.arrayBuffer()).equals(MP4)).toBe(true);
  });

  it('requires GET and a valid token', async () => {
    await start();
    expect(
      errcodeOf(await call(api, 'POST', '/cgi-bin/media/get', { query: { access_token: miniToken } })),
    ).toBe(43001);
    expect(errcodeOf(await download('x', 'bad token'))).toBe(40014);
  });
});
