import { describe, expect, it } from 'vitest';
import { buildMultipart } from '../../../src/http/multipart.js';

function parts(body: Buffer, contentType: string) {
  const boundary = /boundary=(.+)$/.exec(contentType)?.[1] ?? '';
  const text = body.toString('latin1');
  expect(text.startsWith(`--${boundary}\r\n`)).toBe(true);
  expect(text.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
  const inner = text.slice(boundary.length + 4, -(boundary.length + 8));
  const split = inner.indexOf('\r\n\r\n');
  return {
    headers: inner.slice(0, split).split('\r\n'),
    data: Buffer.from(inner.slice(split + 4), 'latin1'),
  };
}

describe('buildMultipart', () => {
  it('builds one file part with name, filename and type around the exact bytes', () => {
    const data = Buffer.from([0, 255, 13, 10, 45, 45, 1]);
    const { body, contentType } = buildMultipart({
      field: 'media',
      filename: 'a.png',
      contentType: 'image/png',
      data,
    });
    expect(contentType).toMatch(/^multipart\/form-data; boundary=-+WeChatCustomerService[0-9a-f]{24}$/);
    const part = parts(body, contentType);
    expect(part.headers).toEqual([
      'Content-Disposition: form-data; name="media"; filename="a.png"',
      'Content-Type: image/png',
    ]);
    expect(part.data).toEqual(data);
  });

  it('escapes quotes and line breaks in the filename and strips them from the type', () => {
    const { body, contentType } = buildMultipart({
      field: 'media',
      filename: 'a"\r\nb.jpg',
      contentType: 'image/jpeg\r\nX-Evil: 1',
      data: new Uint8Array([1]),
    });
    expect(parts(body, contentType).headers).toEqual([
      'Content-Disposition: form-data; name="media"; filename="a%22%0D%0Ab.jpg"',
      'Content-Type: image/jpegX-Evil: 1',
    ]);
  });

  it('keeps UTF-8 filenames as UTF-8 and uses a fresh boundary each time', () => {
    const one = buildMultipart({
      field: 'media',
      filename: '图片.png',
      contentType: 'image/png',
      data: new Uint8Array([1]),
    });
    const two = buildMultipart({
      field: 'media',
      filename: '图片.png',
      contentType: 'image/png',
      data: new Uint8Array([1]),
    });
    expect(one.body.includes(Buffer.from('filename="图片.png"', 'utf8'))).toBe(true);
    expect(one.contentType).not.toBe(two.contentType);
  });

  it('accepts a Uint8Array view into a larger buffer without copying the rest', () => {
    const backing = Buffer.from('xxxxHELLOxxxx');
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 4, 5);
    const { body, contentType } = buildMultipart({
      field: 'media',
      filename: 'a',
      contentType: 'text/plain',
      data: view,
    });
    expect(parts(body, contentType).data.toString()).toBe('HELLO');
  });
});
