import type { MediaType } from '../options.js';

/** A file format WeChat accepts for temporary media (SPEC §6.1). */
export interface MediaFormat {
  readonly name: 'png' | 'jpeg' | 'gif' | 'amr' | 'mp3' | 'mp4';
  readonly mime: string;
  /** Extensions WeChat accepts, the first one is what we add. */
  readonly extensions: readonly string[];
  readonly matches: (data: Uint8Array) => boolean;
}

const bytesAt = (data: Uint8Array, at: number, expected: readonly number[]) =>
  expected.every((byte, i) => data[at + i] === byte);
const asciiAt = (data: Uint8Array, at: number, text: string) =>
  bytesAt(
    data,
    at,
    [...text].map((c) => c.charCodeAt(0)),
  );

const PNG: MediaFormat = {
  name: 'png',
  mime: 'image/png',
  extensions: ['.png'],
  matches: (d) => bytesAt(d, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
};
const JPEG: MediaFormat = {
  name: 'jpeg',
  mime: 'image/jpeg',
  extensions: ['.jpg', '.jpeg'],
  matches: (d) => bytesAt(d, 0, [0xff, 0xd8, 0xff]),
};
const GIF: MediaFormat = {
  name: 'gif',
  mime: 'image/gif',
  extensions: ['.gif'],
  matches: (d) => asciiAt(d, 0, 'GIF87a') || asciiAt(d, 0, 'GIF89a'),
};
const AMR: MediaFormat = {
  name: 'amr',
  mime: 'audio/amr',
  extensions: ['.amr'],
  matches: (d) => asciiAt(d, 0, '#!AMR\n'),
};
const MP3: MediaFormat = {
  name: 'mp3',
  mime: 'audio/mpeg',
  extensions: ['.mp3'],
  // An ID3v2 tag, or an MPEG audio frame sync (11 set bits).
  matches: (d) => asciiAt(d, 0, 'ID3') || (d[0] === 0xff && ((d[1] ?? 0) & 0xe0) === 0xe0),
};
const MP4: MediaFormat = {
  name: 'mp4',
  mime: 'video/mp4',
  extensions: ['.mp4'],
  matches: (d) => asciiAt(d, 4, 'ftyp'),
};

/** What each media type accepts (SPEC §6.1: image PNG/JPEG/GIF, voice AMR/MP3, video MP4, thumb JPG). */
export const FORMATS_BY_TYPE: Readonly<Record<MediaType, readonly MediaFormat[]>> = {
  image: [PNG, JPEG, GIF],
  voice: [AMR, MP3],
  video: [MP4],
  thumb: [JPEG],
};

const ALL_FORMATS: readonly MediaFormat[] = [PNG, JPEG, GIF, AMR, MP4, MP3];

/** The format of `data` from its first bytes, or undefined if it is none we know. */
export function sniffFormat(data: Uint8Array): MediaFormat | undefined {
  return ALL_FORMATS.find((format) => format.matches(data));
}

/** The format whose extension `filename` has, or undefined. */
export function formatOfFilename(filename: string): MediaFormat | undefined {
  const lower = filename.toLowerCase();
  return ALL_FORMATS.find((format) => format.extensions.some((ext) => lower.endsWith(ext)));
}

/** The format of a MIME type (`image/jpg` too), or undefined. */
export function formatOfMime(contentType: string): MediaFormat | undefined {
  const mime = contentType.split(';')[0]?.trim().toLowerCase();
  if (mime === 'image/jpg' || mime === 'image/pjpeg') return JPEG;
  if (mime === 'audio/mp3') return MP3;
  return ALL_FORMATS.find((format) => format.mime === mime);
}

/** The usual extension for a MIME type, for naming downloads (`.bin` if unknown). */
export function extensionOfMime(contentType: string): string {
  return formatOfMime(contentType)?.extensions[0] ?? '.bin';
}
