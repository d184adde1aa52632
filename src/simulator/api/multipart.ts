/** One part of a multipart/form-data body. */
export interface FormPart {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  data: Buffer;
}

/** Bounds that keep a hostile body from costing more than a linear scan. */
const MAX_PARTS = 16;
const MAX_HEADER_BYTES = 8 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary of a `multipart/form-data; boundary=…` Content-Type, or undefined. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined || !/^\s*multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const match = /;\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s;"]{1,70}))\s*(?:;|$)/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/**
 * Parses a multipart/form-data body (RFC 7578), written by hand so the fake API checks uploads as
 * strictly as WeChat does (SPEC §6.1). Returns undefined for a malformed body or over
 * {@link MAX_PARTS} parts.
 */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  let at = body.subarray(0, delimiter.length).equals(delimiter) ? 0 : body.indexOf(next);
  if (at < 0) return undefined;
  at += at === 0 ? delimiter.length : next.length;
  const parts: FormPart[] = [];
  while (parts.length <= MAX_PARTS) {
    if (body[at] === 0x2d && body[at + 1] === 0x2d) return parts; // closing `--boundary--`
    if (!body.subarray(at, at + 2).equals(CRLF)) return undefined;
    const headerEnd = body.indexOf(HEADER_END, at + 2);
    if (headerEnd < 0 || headerEnd - at > MAX_HEADER_BYTES) return undefined;
    const dataEnd = body.indexOf(next, headerEnd + 4);
    if (dataEnd < 0) return undefined;
    const part = partOf(
      body.subarray(at + 2, headerEnd).toString('utf8'),
      body.subarray(headerEnd + 4, dataEnd),
    );
    if (part === undefined) return undefined;
    parts.push(part);
    at = dataEnd + next.length;
  }
  return undefined;
}

function partOf(headerText: string, data: Buffer): FormPart | undefined {
  const headers = new Map<string, string>();
  for (const line of headerText.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get('content-disposition');
  if (disposition === undefined || !/^form-data\s*(;|$)/i.test(disposition)) return undefined;
  const params = dispositionParams(disposition);
  const name = params.get('name');
  if (name === undefined) return undefined;
  return {
    name,
    filename: params.get('filename*') ?? params.get('filename'),
    contentType: headers.get('content-type'),
    data,
  };
}

/** `name="media"; filename="a.jpg"; filename*=UTF-8''%E5%9B%BE.jpg` → Map (lower-case keys). */
function dispositionParams(disposition: string): Map<string, string> {
  const params = new Map<string, string>();
  const pattern = /;\s*([^=\s;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (const match of disposition.matchAll(pattern)) {
    const key = (match[1] ?? '').toLowerCase();
    const raw = (match[2] ?? '').trim();
    const value = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    params.set(key, key.endsWith('*') ? decodeExtended(value) : value);
  }
  return params;
}

/** RFC 5987 `charset'lang'percent-encoded`; undecodable values are kept as they came. */
function decodeExtended(value: string): string {
  const match = /^[^']*'[^']*'(.*)$/.exec(value);
  try {
    return decodeURIComponent(match?.[1] ?? value);
  } catch {
    return value;
  }
}
