import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundaryOf, parseMultipart } from '../../../src/simulator/api/multipart.js';

const B = 'XyZ123';

function body(...parts: string[]): Buffer {
  return Buffer.from(`${parts.map((p) => `--${B}\r\n${p}\r\n`).join('')}--${B}--\r\n`, 'latin1');
}

describe('boundaryOf', () => {
  it('reads plain and quoted boundaries of multipart/form-data only', () => {
    expect(boundaryOf('multipart/form-data; boundary=abc')).toBe('abc');
    expect(boundaryOf('Multipart/Form-Data; charset=utf-8; boundary="a b:c"')).toBe('a b:c');
    expect(boundaryOf('multipart/mixed; boundary=abc')).toBeUndefined();
    expect(boundaryOf('multipart/form-data')).toBeUndefined();
    expect(boundaryOf(`multipart/form-data; boundary=${'x'.repeat(71)}`)).toBeUndefined();
    expect(boundaryOf(undefined)).toBeUndefined();
  });
});

describe('parseMultipart', () => {
  it('reads name, filename, content type and exact bytes of each part', () => {
    const parts = parseMultipart(
      body(
        'Content-Disposition: form-data; name="a"\r\n\r\nhello',
        'content-disposition: form-data; name="media"; filename="x;y.jpg"\r\nContent-Type: image/jpeg\r\n\r\n\r\nbin\r\n',
      ),
      B,
    );
    expect(parts).toEqual([
      { name: 'a', filename: undefined, contentType: undefined, data: Buffer.from('hello') },
      { name: 'media', filename: 'x;y.jpg', contentType: 'image/jpeg', data: Buffer.from('\r\nbin\r\n') },
    ]);
  });

  it('decodes filename* (RFC 5987) and skips a preamble', () => {
    const raw = Buffer.concat([
      Buffer.from('preamble\r\n'),
      body(`Content-Disposition: form-data; name="media"; filename*=UTF-8''%E5%9B%BE.png\r\n\r\nx`),
    ]);
    expect(parseMultipart(raw, B)?.[0]?.filename).toBe('图.png');
  });

  it('returns undefined for malformed bodies instead of throwing', () => {
    const ok = body('Content-Disposition: form-data; name="a"\r\n\r\nv');
    expect(parseMultipart(ok.subarray(0, ok.length - 12), B)).toBeUndefined(); // no closing delimiter
    expect(parseMultipart(body('Content-Disposition: attachment; name="a"\r\n\r\nv'), B)).toBeUndefined();
    expect(parseMultipart(body('Content-Disposition: form-data\r\n\r\nv'), B)).toBeUndefined();
    expect(parseMultipart(body('no colon here\r\n\r\nv'), B)).toBeUndefined();
    expect(parseMultipart(Buffer.from('nothing'), B)).toBeUndefined();
    const longHeader = `X-Long: ${'a'.repeat(9000)}\r\nContent-Disposition: form-data; name="a"\r\n\r\nv`;
    expect(parseMultipart(body(longHeader), B)).toBeUndefined(); // headers bounded to 8 KB
  });

  it('refuses more than 16 parts', () => {
    const part = 'Content-Disposition: form-data; name="a"\r\n\r\nv';
    expect(parseMultipart(body(...Array<string>(16).fill(part)), B)).toHaveLength(16);
    expect(parseMultipart(body(...Array<string>(17).fill(part)), B)).toBeUndefined();
  });

  it('round-trips arbitrary binary parts', () => {
    const partArb = fc.record({
      name: fc.stringMatching(/^[a-z]{1,8}$/),
      data: fc.uint8Array({ maxLength: 200 }),
    });
    fc.assert(
      fc.property(fc.array(partArb, { maxLength: 5 }), (parts) => {
        const chunks = parts.flatMap((p) => [
          Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="${p.name}"; filename="f.bin"\r\n\r\n`),
          Buffer.from(p.data),
          Buffer.from('\r\n'),
        ]);
        const raw = Buffer.concat([...chunks, Buffer.from(`--${B}--`)]);
        const parsed = parseMultipart(raw, B);
        // A part that happens to contain the delimiter cannot round-trip; multipart writers pick boundaries for that.
        if (parts.some((p) => Buffer.from(p.data).includes(`\r\n--${B}`))) return;
        expect(parsed?.map((p) => [p.name, Buffer.from(p.data).toString('hex')])).toEqual(
          parts.map((p) => [p.name, Buffer.from(p.data).toString('hex')]),
        );
      }),
    );
  });
});
