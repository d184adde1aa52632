import { describe, expect, it } from 'vitest';
import { clientIp } from '../../../src/simulator/api/client-ip.js';
import { ApiFailure } from '../../../src/simulator/api/errcodes.js';
import { checkMediaFile, downloadExtension } from '../../../src/simulator/api/media-formats.js';

function errcode(action: () => void): number | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return error instanceof ApiFailure ? error.errcode : -999;
  }
}

const GIF = Buffer.from('GIF89a\u0001\u0000');
const MP3 = Buffer.from([0xff, 0xfb, 0x90, 0x00]);

describe('checkMediaFile', () => {
  it('accepts each documented format and checks the bytes', () => {
    expect(
      errcode(() => checkMediaFile('image', { filename: 'a.gif', contentType: 'image/gif', data: GIF }, 99)),
    ).toBe(undefined);
    expect(
      errcode(() => checkMediaFile('voice', { filename: 'a.mp3', contentType: 'audio/mpeg', data: MP3 }, 99)),
    ).toBe(undefined);
    expect(
      errcode(() => checkMediaFile('voice', { filename: 'a.mp3', contentType: 'audio/mpeg', data: GIF }, 99)),
    ).toBe(40005);
    expect(
      errcode(() => checkMediaFile('thumb', { filename: 'a.gif', contentType: 'image/gif', data: GIF }, 99)),
    ).toBe(40005);
  });

  it('ignores Content-Type parameters and case', () => {
    const file = { filename: 'A.GIF', contentType: 'Image/GIF; charset=binary', data: GIF };
    expect(errcode(() => checkMediaFile('image', file, 99))).toBeUndefined();
  });
});

describe('downloadExtension', () => {
  it('prefers the MIME type, then the filename', () => {
    expect(downloadExtension('image/jpeg', 'x.png')).toBe('jpg');
    expect(downloadExtension('application/x-thing', 'x.webp')).toBe('webp');
    expect(downloadExtension('application/x-thing', 'noext')).toBe('bin');
  });
});

describe('clientIp', () => {
  it('spells IPv4 clients both ways', () => {
    expect(clientIp('1.2.3.4')).toEqual({ ipv4: '1.2.3.4', ipv6: '::ffff:1.2.3.4' });
    expect(clientIp('::ffff:1.2.3.4')).toEqual({ ipv4: '1.2.3.4', ipv6: '::ffff:1.2.3.4' });
    expect(clientIp('::1')).toEqual({ ipv4: '::1', ipv6: '::1' });
  });
});
