import type { AccountKind } from '../../options.js';
import { ApiFailure } from './errcodes.js';
import type { FakeMediaType } from './types.js';

/** One accepted file format: extensions, MIME types, and a check of the first bytes. */
interface Format {
  ext: string;
  extensions: readonly string[];
  mimeTypes: readonly string[];
  magic: (data: Buffer) => boolean;
}

const startsWith = (data: Buffer, ...bytes: number[]): boolean => bytes.every((byte, i) => data[i] === byte);
const ascii = (data: Buffer, at: number, text: string): boolean =>
  data.subarray(at, at + text.length).toString('latin1') === text;

const JPEG: Format = {
  ext: 'jpg',
  extensions: ['jpg', 'jpeg'],
  mimeTypes: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
  magic: (d) => startsWith(d, 0xff, 0xd8, 0xff),
};
const PNG: Format = {
  ext: 'png',
  extensions: ['png'],
  mimeTypes: ['image/png'],
  magic: (d) => startsWith(d, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
};
const GIF: Format = {
  ext: 'gif',
  extensions: ['gif'],
  mimeTypes: ['image/gif'],
  magic: (d) => ascii(d, 0, 'GIF87a') || ascii(d, 0, 'GIF89a'),
};
const AMR: Format = {
  ext: 'amr',
  extensions: ['amr'],
  mimeTypes: ['audio/amr'],
  magic: (d) => ascii(d, 0, '#!AMR'),
};
const MP3: Format = {
  ext: 'mp3',
  extensions: ['mp3'],
  mimeTypes: ['audio/mpeg', 'audio/mp3'],
  magic: (d) => ascii(d, 0, 'ID3') || (d[0] === 0xff && ((d[1] ?? 0) & 0xe0) === 0xe0),
};
const MP4: Format = {
  ext: 'mp4',
  extensions: ['mp4'],
  mimeTypes: ['video/mp4'],
  magic: (d) => ascii(d, 4, 'ftyp'),
};

/** SPEC §6.1: image PNG/JPEG/JPG/GIF, voice AMR/MP3, video MP4, thumb JPG. */
const FORMATS: Readonly<Record<FakeMediaType, readonly Format[]>> = {
  image: [JPEG, PNG, GIF],
  voice: [AMR, MP3],
  video: [MP4],
  thumb: [JPEG],
};

const MB = 1024 * 1024;
/** SPEC §6.1 defaults (images 2 MB: the stricter of the conflicting documented figures). */
export const DEFAULT_MEDIA_MAX_BYTES: Readonly<Record<FakeMediaType, number>> = {
  image: 2 * MB,
  voice: 2 * MB,
  video: 10 * MB,
  thumb: 64 * 1024,
};

/** Mini programs upload images only (SPEC §6.1). */
export function mediaTypesFor(kind: AccountKind): readonly FakeMediaType[] {
  return kind === 'miniprogram' ? ['image'] : ['image', 'voice', 'video', 'thumb'];
}

/** `type` as a media type the account may upload, else 40004. */
export function checkMediaType(type: string | null, kind: AccountKind): FakeMediaType {
  const allowed = mediaTypesFor(kind);
  if (type === null || !(allowed as readonly string[]).includes(type)) {
    throw new ApiFailure(40004, `type must be one of ${allowed.join(', ')} for this account`);
  }
  return type as FakeMediaType;
}

/**
 * The upload's file must be non-empty (40009), within the type's limit (45001), and its
 * extension, Content-Type and first bytes must agree on one format of the type (40005).
 */
export function checkMediaFile(
  type: FakeMediaType,
  file: { filename: string; contentType: string; data: Buffer },
  maxBytes: number,
): void {
  if (file.data.length === 0) throw new ApiFailure(40009, 'the file is empty');
  if (file.data.length > maxBytes)
    throw new ApiFailure(45001, `${type} files are limited to ${maxBytes} bytes`);
  const extension = extensionOf(file.filename);
  const format = FORMATS[type].find((f) => f.extensions.includes(extension));
  if (format === undefined)
    throw new ApiFailure(40005, `filename extension ".${extension}" is not a ${type} format`);
  if (!format.mimeTypes.includes(mimeOf(file.contentType))) {
    throw new ApiFailure(40005, `Content-Type ${file.contentType} does not match .${extension}`);
  }
  if (!format.magic(file.data)) throw new ApiFailure(40005, `the bytes are not a .${extension} file`);
}

/** The extension for a download's filename (`MEDIA_ID.jpg`, SPEC §6.2). */
export function downloadExtension(contentType: string, filename: string): string {
  const mime = mimeOf(contentType);
  for (const formats of Object.values(FORMATS)) {
    const format = formats.find((f) => f.mimeTypes.includes(mime));
    if (format !== undefined) return format.ext;
  }
  return extensionOf(filename) || 'bin';
}

function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot < 0 ? '' : filename.slice(dot + 1).toLowerCase();
}

function mimeOf(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}
