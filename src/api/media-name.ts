import { ValidationError } from '../errors.js';
import type { MediaType } from '../options.js';
import {
  FORMATS_BY_TYPE,
  formatOfFilename,
  formatOfMime,
  type MediaFormat,
  sniffFormat,
} from './media-format.js';

/** The filename and MIME type an upload goes out with. */
export interface UploadName {
  filename: string;
  contentType: string;
}

/**
 * Names an upload so WeChat accepts it (it answers 40005 to a part without a known extension or
 * type): the format comes from the bytes when we recognise them, else from the given filename or
 * type. A missing or different extension is added; a type the caller gave is kept.
 */
export function nameUpload(
  data: Uint8Array,
  type: MediaType,
  given: { filename: string | undefined; contentType: string | undefined },
): UploadName {
  const sniffed = sniffFormat(data);
  const allowed = FORMATS_BY_TYPE[type];
  if (sniffed !== undefined && !allowed.includes(sniffed)) {
    throw new ValidationError('media', `is ${sniffed.name}, but type '${type}' takes ${names(allowed)}`);
  }
  const format = sniffed ?? formatOf(given);
  if (format === undefined) {
    if (given.filename === undefined || given.contentType === undefined) {
      throw new ValidationError(
        'media',
        `is not ${names(allowed)} by its first bytes; pass filename (with extension) and contentType if WeChat accepts it`,
      );
    }
    return { filename: given.filename, contentType: given.contentType };
  }
  return {
    filename: withExtension(given.filename ?? 'media', format),
    contentType: given.contentType ?? format.mime,
  };
}

function formatOf(given: {
  filename: string | undefined;
  contentType: string | undefined;
}): MediaFormat | undefined {
  return (
    (given.filename === undefined ? undefined : formatOfFilename(given.filename)) ??
    (given.contentType === undefined ? undefined : formatOfMime(given.contentType))
  );
}

function withExtension(filename: string, format: MediaFormat): string {
  const lower = filename.toLowerCase();
  if (format.extensions.some((ext) => lower.endsWith(ext))) return filename;
  return `${filename}${format.extensions[0]}`;
}

function names(formats: readonly MediaFormat[]): string {
  return formats.map((f) => f.name.toUpperCase()).join('/');
}
