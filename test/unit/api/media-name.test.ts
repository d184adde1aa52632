import { describe, expect, it } from 'vitest';
import { extensionOfMime, sniffFormat } from '../../../src/api/media-format.js';
import { nameUpload } from '../../../src/api/media-name.js';

const bytes = {
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]),
  jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]),
  gif: Buffer.from('GIF89a....'),
  amr: Buffer.from('#!AMR\n....'),
  mp3: Buffer.from('ID3\x03\x00....'),
  mp4: Buffer.from('\x00\x00\x00\x18ftypmp42....', 'latin1'),
  unknown: Buffer.from('just some text'),
};
const none = { filename: undefined, contentType: undefined };

describe('sniffFormat', () => {
  it('recognises png, jpeg, gif, amr, mp3 and mp4 by their first bytes', () => {
    for (const name of ['png', 'jpeg', 'gif', 'amr', 'mp3', 'mp4'] as const) {
      expect(sniffFormat(bytes[name])?.name).toBe(name);
    }
    expect(sniffFormat(bytes.unknown)).toBeUndefined();
    expect(sniffFormat(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('nameUpload', () => {
  it('fills in the filename extension and MIME type from the bytes', () => {
    expect(nameUpload(bytes.png, 'image', none)).toEqual({ filename: 'media.png', contentType: 'image/png' });
    expect(nameUpload(bytes.jpeg, 'thumb', { filename: 'cover', contentType: undefined })).toEqual({
      filename: 'cover.jpg',
      contentType: 'image/jpeg',
    });
    expect(nameUpload(bytes.mp3, 'voice', none)).toEqual({
      filename: 'media.mp3',
      contentType: 'audio/mpeg',
    });
  });

  it('keeps a matching extension and a given type, and fixes a wrong extension', () => {
    expect(nameUpload(bytes.jpeg, 'image', { filename: 'a.JPEG', contentType: 'image/pjpeg' })).toEqual({
      filename: 'a.JPEG',
      contentType: 'image/pjpeg',
    });
    expect(nameUpload(bytes.gif, 'image', { filename: 'a.txt', contentType: undefined }).filename).toBe(
      'a.txt.gif',
    );
  });

  it('refuses bytes of a format the media type does not take', () => {
    expect(() => nameUpload(bytes.mp3, 'image', none)).toThrow(
      /is mp3, but type 'image' takes PNG\/JPEG\/GIF/,
    );
    expect(() => nameUpload(bytes.png, 'thumb', none)).toThrow(/takes JPEG/);
  });

  it('falls back to the given name or type for bytes it does not recognise', () => {
    expect(nameUpload(bytes.unknown, 'image', { filename: 'x', contentType: 'image/png' })).toEqual({
      filename: 'x.png',
      contentType: 'image/png',
    });
    expect(nameUpload(bytes.unknown, 'image', { filename: 'x.webp', contentType: 'image/webp' })).toEqual({
      filename: 'x.webp',
      contentType: 'image/webp',
    });
    expect(() => nameUpload(bytes.unknown, 'image', none)).toThrow(/pass filename/);
  });
});

describe('extensionOfMime', () => {
  it('names downloads after their type', () => {
    expect(extensionOfMime('image/jpeg')).toBe('.jpg');
    expect(extensionOfMime('audio/amr; charset=binary')).toBe('.amr');
    expect(extensionOfMime('application/x-unknown')).toBe('.bin');
  });
});
