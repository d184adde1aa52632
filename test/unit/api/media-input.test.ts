import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readUploadInput, type UploadInput } from '../../../src/api/media-input.js';
import { ValidationError } from '../../../src/errors.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

describe('readUploadInput', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wcs-media-'));
    await writeFile(join(dir, 'cat.png'), PNG);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const read = (input: UploadInput, max = 1_000) => readUploadInput(input, max, 'media.maxBytes.image');

  it('reads every accepted input kind to the same bytes', async () => {
    const inputs: UploadInput[] = [
      PNG,
      new Uint8Array(PNG),
      new Blob([PNG]),
      Readable.from([PNG.subarray(0, 5), PNG.subarray(5)]),
      { data: PNG, filename: 'a.png' },
      { path: join(dir, 'cat.png') },
    ];
    for (const input of inputs) expect((await read(input)).data).toEqual(PNG);
  });

  it('keeps what the input says about its name and type', async () => {
    expect(await read({ path: join(dir, 'cat.png') })).toMatchObject({ filename: 'cat.png' });
    expect(await read(new File([PNG], 'dog.png', { type: 'image/png' }))).toMatchObject({
      filename: 'dog.png',
      contentType: 'image/png',
    });
    expect(await read({ data: new Blob([PNG], { type: 'image/png' }), filename: 'x.png' })).toMatchObject({
      filename: 'x.png',
      contentType: 'image/png',
    });
    expect(await read({ data: PNG, filename: 'y', contentType: 'image/gif' })).toMatchObject({
      contentType: 'image/gif',
    });
  });

  it('refuses a bare string: path or content would be a guess', async () => {
    await expect(read('cat.png' as unknown as UploadInput)).rejects.toThrow(/bare string/);
  });

  it('refuses anything else with a ValidationError', async () => {
    await expect(read(42 as unknown as UploadInput)).rejects.toBeInstanceOf(ValidationError);
    await expect(read({ data: 'text', filename: 'a' } as unknown as UploadInput)).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('refuses inputs over the limit, naming it, without reading a stream to its end', async () => {
    await expect(read(PNG, 11)).rejects.toThrow(/12 bytes, over the limit of 11 \(media\.maxBytes\.image\)/);
    await expect(read(new Blob([PNG]), 11)).rejects.toBeInstanceOf(ValidationError);
    await expect(read({ path: join(dir, 'cat.png') }, 11)).rejects.toBeInstanceOf(ValidationError);
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(100));
      },
    });
    await expect(read(endless, 1_000)).rejects.toThrow(/more than 1000 bytes/);
    expect(pulled).toBeLessThan(20);
    expect(endless.destroyed).toBe(true);
  });

  it('reports a missing file as a ValidationError with the file system error as cause', async () => {
    const failure = read({ path: join(dir, 'missing.png') });
    await expect(failure).rejects.toBeInstanceOf(ValidationError);
    await expect(failure).rejects.toMatchObject({ field: 'media.path', cause: { code: 'ENOENT' } });
    await expect(read({ path: dir })).rejects.toThrow(/media\.path: .* is not a file/);
  });
});
