import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Media } from '../../../src/api/media.js';
import { InvalidMediaError, ValidationError } from '../../../src/errors.js';
import type { AccountKind } from '../../../src/options.js';
import {
  json,
  type LocalServer,
  type SeenRequest,
  sequence,
  startLocalServer,
} from '../http/local-server.js';
import { serveApi, stack, tokenOf } from './stack.js';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 7),
]);
const UPLOADED = { type: 'image', media_id: 'MEDIA_1', created_at: 1_700_000_000 };

/** The one part of a multipart body, split by the boundary its Content-Type names. */
function filePart(seen: SeenRequest) {
  const boundary = /boundary=(\S+)/.exec(String(seen.headers['content-type']))?.[1];
  const text = seen.body.toString('latin1');
  const [head = '', ...rest] = text.split(`--${boundary}`)[1]?.split('\r\n\r\n') ?? [];
  return { head: head.trim().split('\r\n'), data: Buffer.from(rest.join('\r\n\r\n').slice(0, -2), 'latin1') };
}

describe('Media', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer();
  });
  afterAll(() => server.close());

  function media(kind: AccountKind = 'miniprogram', maxImage?: number) {
    const { api, settings } = stack(server.url, {
      kind,
      ...(maxImage === undefined ? {} : { media: { maxBytes: { image: maxImage } } }),
    });
    return new Media(api, settings);
  }

  it('uploads one `media` part with filename, type and an exact Content-Length', async () => {
    const state = serveApi(server, json(UPLOADED));
    await expect(media().upload(PNG, { type: 'image' })).resolves.toEqual(UPLOADED);
    const [seen] = state.apiRequests;
    expect(seen?.url).toBe('/cgi-bin/media/upload?access_token=TOKEN_1_abcdefghij&type=image');
    expect(seen?.headers['content-length']).toBe(String(seen?.body.length));
    expect(seen?.headers['transfer-encoding']).toBeUndefined();
    const part = filePart(seen as SeenRequest);
    expect(part.head).toEqual([
      'Content-Disposition: form-data; name="media"; filename="media.png"',
      'Content-Type: image/png',
    ]);
    expect(part.data).toEqual(PNG);
  });

  it('replays the same bytes after a token refresh', async () => {
    const state = serveApi(
      server,
      sequence(json({ errcode: 40001, errmsg: 'invalid credential' }), json(UPLOADED)),
    );
    await media().upload({ data: PNG, filename: 'cat.png' }, { type: 'image' });
    expect(state.apiRequests.map(tokenOf)).toEqual(['TOKEN_1_abcdefghij', 'TOKEN_2_abcdefghij']);
    expect(state.apiRequests[1]?.body).toEqual(state.apiRequests[0]?.body);
  });

  it('refuses, without sending, files over the limit and types the account cannot upload', async () => {
    const state = serveApi(server, json(UPLOADED));
    await expect(media('miniprogram', 10).upload(PNG, { type: 'image' })).rejects.toThrow(
      /media\.maxBytes\.image/,
    );
    await expect(media().upload(PNG, { type: 'voice' })).rejects.toThrow(
      /miniprogram can upload image, not voice/,
    );
    await expect(
      media('official-account').upload(PNG, { type: 'sticker' as 'image' }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(media().upload(PNG, undefined as unknown as { type: 'image' })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(state.apiRequests).toHaveLength(0);
  });

  it('downloads into a Buffer with the type and filename WeChat sent', async () => {
    serveApi(server, (_r, res) => {
      res.writeHead(200, {
        'content-type': 'image/jpeg',
        'content-disposition': 'attachment; filename="MEDIA_1.jpg"',
      });
      res.end(PNG);
    });
    await expect(media().get('MEDIA_1')).resolves.toEqual({
      data: PNG,
      contentType: 'image/jpeg',
      filename: 'MEDIA_1.jpg',
    });
  });

  it('names a download without Content-Disposition after its id and type', async () => {
    serveApi(server, (_r, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(PNG);
    });
    expect((await media().get('M2')).filename).toBe('M2.png');
  });

  it('streams a download', async () => {
    serveApi(server, (_r, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(PNG);
    });
    const { body, contentType } = await media().stream('M');
    expect(contentType).toBe('image/png');
    expect(Buffer.concat(await body.toArray())).toEqual(PNG);
  });

  it('reads errcode JSON as an error even with HTTP 200, and { video_url } as data', async () => {
    const state = serveApi(
      server,
      sequence(
        json({ errcode: 40007, errmsg: 'invalid media_id' }),
        json({ video_url: 'http://v.example/1.mp4' }),
      ),
    );
    await expect(media().get('bad id')).rejects.toBeInstanceOf(InvalidMediaError);
    expect(state.apiRequests[0]?.url).toContain('media_id=bad%20id');
    const video = await media('official-account').stream('V');
    expect(video.video_url).toBe('http://v.example/1.mp4');
    expect(JSON.parse(Buffer.concat(await video.body.toArray()).toString())).toEqual({
      video_url: 'http://v.example/1.mp4',
    });
  });
});
