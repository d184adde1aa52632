import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidMediaError, ValidationError } from '../../src/errors.js';
import type { FakeApi } from '../../src/simulator/api/index.js';
import { hits, MINI, miniApp, OFFICIAL, officialApp, startApi } from './client-helpers.js';

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(2_000, 0x42),
]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 0x11)]);
const AMR = Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(300, 0x3c)]);
const UPLOAD = '/cgi-bin/media/upload';

describe('temporary media against the fake WeChat API', () => {
  let api: FakeApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('uploads a multipart part the strict fake accepts, named and typed from the bytes', async () => {
    const app = miniApp(api);
    const result = await app.media.upload(Readable.from([PNG.subarray(0, 100), PNG.subarray(100)]), {
      type: 'image',
    });
    expect(result).toMatchObject({
      type: 'image',
      media_id: expect.any(String),
      created_at: expect.any(Number),
    });
    const stored = api.world.getMedia(MINI.appId, result.media_id);
    expect(stored).toMatchObject({ type: 'image', contentType: 'image/png', filename: 'media.png' });
    expect(stored?.data).toEqual(PNG);
  });

  it('round-trips: upload, then get the same bytes, type and a filename', async () => {
    const app = miniApp(api);
    const { media_id } = await app.media.upload({ data: JPEG, filename: 'photo' }, { type: 'image' });
    const file = await app.media.get(media_id);
    expect(file.data).toEqual(JPEG);
    expect(file.contentType).toBe('image/jpeg');
    expect(file.filename).toMatch(/\.jpg$/);
    const streamed = await app.media.stream(media_id);
    expect(Buffer.concat(await streamed.body.toArray())).toEqual(JPEG);
  });

  it('replays an upload with the same body after 40001', async () => {
    const app = miniApp(api);
    await app.accessToken.getToken();
    api.world.invalidateTokens(MINI.appId);
    const before = hits(api, UPLOAD);
    const { media_id } = await app.media.upload(new Blob([PNG]), { type: 'image' });
    expect(hits(api, UPLOAD) - before).toBe(2);
    expect(api.world.getMedia(MINI.appId, media_id)?.data).toEqual(PNG);
  });

  it('official accounts upload voice; mini programs are refused before sending', async () => {
    const { media_id } = await officialApp(api).media.upload(AMR, { type: 'voice' });
    expect(api.world.getMedia(OFFICIAL.appId, media_id)).toMatchObject({
      type: 'voice',
      contentType: 'audio/amr',
    });
    const before = hits(api, UPLOAD);
    await expect(miniApp(api).media.upload(AMR, { type: 'voice' })).rejects.toBeInstanceOf(ValidationError);
    await expect(miniApp(api).media.upload(AMR, { type: 'image' })).rejects.toThrow(/is amr/);
    expect(hits(api, UPLOAD)).toBe(before);
  });

  it('an unknown media_id is an InvalidMediaError although WeChat answers HTTP 200', async () => {
    await expect(miniApp(api).media.get('no-such-media')).rejects.toBeInstanceOf(InvalidMediaError);
  });
});
