import { randomBytes } from 'node:crypto';

/** One file part of a multipart/form-data body. */
export interface MultipartFile {
  /** Form field name; WeChat's media upload wants `media` (SPEC §6.1). */
  field: string;
  filename: string;
  contentType: string;
  data: Uint8Array;
}

/** A complete multipart body: a Buffer, so the request has an exact Content-Length and can be replayed. */
export interface MultipartBody {
  body: Buffer;
  /** `multipart/form-data; boundary=…` */
  contentType: string;
}

/**
 * Builds a multipart/form-data body with one file part, in memory. A stream (form-data's) would
 * go out chunked, which WeChat's upload endpoint does not accept reliably, and could not be
 * sent again after a token refresh.
 *
 * @example buildMultipart({ field: 'media', filename: 'a.png', contentType: 'image/png', data })
 */
export function buildMultipart(file: MultipartFile): MultipartBody {
  const boundary = pickBoundary(file.data);
  const head =
    `--${boundary}\r\n` +
    `Content-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.filename)}"\r\n` +
    `Content-Type: ${headerValue(file.contentType)}\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  return {
    body: Buffer.concat([Buffer.from(head, 'utf8'), file.data, Buffer.from(tail, 'latin1')]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** A random boundary that does not occur in the data (RFC 2046 §5.1.1). */
function pickBoundary(data: Uint8Array): string {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  for (;;) {
    const boundary = `----WeChatCustomerService${randomBytes(12).toString('hex')}`;
    if (!bytes.includes(boundary, 0, 'latin1')) return boundary;
  }
}

/** Escapes a quoted parameter the way browsers do (WHATWG HTML, multipart/form-data encoding). */
function quote(value: string): string {
  return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A header value cannot contain a line break (header injection). */
function headerValue(value: string): string {
  return value.replace(/[\r\n]/g, '');
}
