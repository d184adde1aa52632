import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { ValidationError } from '../errors.js';

/** Bytes accepted by `media.upload`. */
export type UploadData = Buffer | Uint8Array | Blob | Readable;

/**
 * What `media.upload` accepts (DESIGN §5). A bare string is refused: it could be a path or the
 * content, and guessing wrong uploads the wrong thing.
 */
export type UploadInput =
  | UploadData
  | { data: UploadData; filename: string; contentType?: string }
  | { path: string };

/** The upload read into memory, with what the input said about itself. */
export interface ReadInput {
  data: Buffer;
  filename: string | undefined;
  contentType: string | undefined;
}

/**
 * Reads `input` into memory, refusing more than `maxBytes` without reading the rest (files and
 * Blobs are refused by their size before reading at all).
 */
export async function readUploadInput(
  input: UploadInput,
  maxBytes: number,
  limitName: string,
): Promise<ReadInput> {
  if (typeof input === 'string') {
    throw new ValidationError(
      'media',
      'a bare string is ambiguous: pass { path } for a file, or Buffer.from(content)',
    );
  }
  if (typeof input !== 'object' || input === null) throw unsupported();
  if (isPathInput(input)) return readPath(input.path, maxBytes, limitName);
  if (isNamedInput(input)) {
    const filename = optionalString('media.filename', input.filename);
    const contentType = optionalString('media.contentType', input.contentType);
    const read = await readData(input.data, maxBytes, limitName);
    return { ...read, filename, contentType: contentType ?? read.contentType };
  }
  return readData(input, maxBytes, limitName);
}

/** Plain-JS callers can pass anything: a non-string name would fail later as a TypeError. */
export function optionalString(field: string, value: unknown): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw new ValidationError(field, `must be a string, got ${value === null ? 'null' : typeof value}`);
}

function isPathInput(input: object): input is { path: string } {
  return !(input instanceof Readable) && typeof (input as { path?: unknown }).path === 'string';
}

function isNamedInput(input: object): input is { data: UploadData; filename: string; contentType?: string } {
  return !(input instanceof Uint8Array) && !(input instanceof Blob) && 'data' in input;
}

async function readPath(path: string, maxBytes: number, limitName: string): Promise<ReadInput> {
  const stats = await stat(path).catch((error: unknown) => unreadable(path, error));
  if (!stats.isFile()) throw new ValidationError('media.path', `${JSON.stringify(path)} is not a file`);
  const { size } = stats;
  if (size > maxBytes) throw tooLarge(size, maxBytes, limitName);
  const data = await readFile(path).catch((error: unknown) => unreadable(path, error));
  return { data, filename: basename(path), contentType: undefined };
}

/** A file that cannot be read is a bad input like any other: a ValidationError with the OS error as cause. */
function unreadable(path: string, error: unknown): never {
  const code = (error as { code?: unknown }).code;
  throw new ValidationError('media.path', `cannot read ${JSON.stringify(path)} (${String(code ?? error)})`, {
    cause: error,
  });
}

async function readData(data: UploadData, maxBytes: number, limitName: string): Promise<ReadInput> {
  if (data instanceof Uint8Array) {
    if (data.byteLength > maxBytes) throw tooLarge(data.byteLength, maxBytes, limitName);
    const buffer = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return { data: buffer, filename: undefined, contentType: undefined };
  }
  if (data instanceof Blob) {
    if (data.size > maxBytes) throw tooLarge(data.size, maxBytes, limitName);
    const name = (data as { name?: unknown }).name;
    return {
      data: Buffer.from(await data.arrayBuffer()),
      filename: typeof name === 'string' && name !== '' ? name : undefined,
      contentType: data.type === '' ? undefined : data.type,
    };
  }
  if (data instanceof Readable)
    return { data: await readStream(data, maxBytes, limitName), filename: undefined, contentType: undefined };
  throw unsupported();
}

function unsupported(): ValidationError {
  return new ValidationError(
    'media',
    'must be a Buffer, Uint8Array, Blob, Readable, { data, filename } or { path }',
  );
}

async function readStream(stream: Readable, maxBytes: number, limitName: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
      // An object-mode stream: Buffer.from would throw a TypeError, or turn numbers into garbage.
      stream.destroy();
      throw new ValidationError(
        'media',
        `the Readable gave a chunk that is ${chunk === null ? 'null' : typeof chunk}, not bytes; pass a byte stream (not objectMode)`,
      );
    }
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.length;
    if (size > maxBytes) {
      stream.destroy();
      throw tooLarge(size, maxBytes, limitName, true);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(size: number, maxBytes: number, limitName: string, atLeast = false): ValidationError {
  return new ValidationError(
    'media',
    `is ${atLeast ? 'more than ' : ''}${atLeast ? maxBytes : size} bytes, over the limit of ${maxBytes} (${limitName}); nothing was sent`,
  );
}
