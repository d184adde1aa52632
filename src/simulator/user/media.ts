import { ValidationError } from '../../errors.js';

/** An image the user sends, as the media store keeps it. */
export interface UserImage {
  data: Buffer;
  contentType: string;
  filename: string;
}

const FORMATS = [
  { magic: [0xff, 0xd8, 0xff], contentType: 'image/jpeg', extension: 'jpg' },
  { magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], contentType: 'image/png', extension: 'png' },
  { magic: [0x47, 0x49, 0x46, 0x38], contentType: 'image/gif', extension: 'gif' },
] as const;

/** Users send photos: at most 10 MB here (SPEC §6.1's largest image limit). */
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/**
 * Checks that `bytes` are a JPEG, PNG or GIF (by their first bytes) and names them; anything
 * else is a {@link ValidationError}, since a WeChat user can only send pictures here.
 */
export function userImage(bytes: Uint8Array, field: string, filename?: string): UserImage {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
    throw new ValidationError(field, 'must be the non-empty bytes of a JPEG, PNG or GIF image');
  }
  if (bytes.length > MAX_IMAGE_BYTES) throw new ValidationError(field, 'is larger than 10 MB');
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = FORMATS.find(({ magic }) => magic.every((byte, i) => data[i] === byte));
  if (format === undefined) throw new ValidationError(field, 'is not a JPEG, PNG or GIF image');
  return {
    data: Buffer.from(data),
    contentType: format.contentType,
    filename: filename ?? `image.${format.extension}`,
  };
}

/** A 2×2 grey PNG: the cover of a card sent without one. */
export const PLACEHOLDER_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAADklEQVR4nGM4AQYMEAoAQa4JYQOnncMAAAAASUVORK5CYII=',
  'base64',
);
