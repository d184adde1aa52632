import { Readable } from 'node:stream';
import { ConfigError, ValidationError } from '../errors.js';
import type { RequestOptions } from '../http/client.js';
import { buildMultipart } from '../http/multipart.js';
import { checkString } from '../messages/validate.js';
import type { AccountKind, MediaType, Settings } from '../options.js';
import { optionsArg } from '../options-arg.js';
import type { ApiCall, ApiClient } from './api-client.js';
import { safeFilename } from './download-name.js';
import { extensionOfMime } from './media-format.js';
import { optionalString, readUploadInput, type UploadInput } from './media-input.js';
import { nameUpload } from './media-name.js';

export type { UploadInput } from './media-input.js';

export interface UploadOptions extends RequestOptions {
  /** Mini programs: `image` only; official accounts: `image`, `voice`, `video`, `thumb` (SPEC §6.1). */
  type: MediaType;
  /** @default the input's name, else `media` plus the extension of the sniffed format */
  filename?: string | undefined;
  /** @default the MIME type of the sniffed format */
  contentType?: string | undefined;
}

/** Options of {@link Media.get}: a download read whole into memory. */
export interface GetOptions extends RequestOptions {
  /**
   * Bounds the whole attempt in ms: connecting, the headers and reading every byte of the body.
   * A file not fully arrived by then rejects with `TimeoutError` (and is retried like any timeout).
   * @default settings.http.timeout (10_000)
   */
  timeout?: number | undefined;
  /**
   * The largest file to accept, in bytes. A bigger one (by its Content-Length, else as it arrives)
   * rejects with `PayloadTooLargeError` and its connection is closed; it is not retried.
   * @default 10 MB (10_485_760), WeChat's largest temporary media (a video)
   */
  maxBytes?: number | undefined;
}

/** The default of {@link GetOptions.maxBytes}: WeChat's limit for a video, its largest media (SPEC §6.1). */
export const DEFAULT_DOWNLOAD_MAX_BYTES = 10 * 1024 * 1024;

/** WeChat's answer to an upload; `media_id` is valid for 3 days. */
export interface UploadResult {
  type: string;
  media_id: string;
  /** Unix seconds. */
  created_at: number;
}

/** A downloaded temporary media file. An official account's video comes as `{ video_url }`. */
export interface MediaFile {
  data: Buffer;
  contentType: string;
  /** From `Content-Disposition`, reduced to a safe base name; else `MEDIA_ID` plus an extension. */
  filename: string;
  /** Set for official-account videos, which WeChat hands out as a link. */
  video_url?: string;
}

/** A media file as a stream, for big files. */
export interface MediaStream {
  body: Readable;
  contentType: string;
  filename: string;
  video_url?: string;
}

const MEDIA_TYPES: Readonly<Record<AccountKind, readonly MediaType[]>> = {
  miniprogram: ['image'],
  'official-account': ['image', 'voice', 'video', 'thumb'],
};

/**
 * Temporary media (SPEC §6): upload for `media_id`s to send, download what users sent.
 *
 * @example
 * const { media_id } = await app.media.upload(await readFile('cat.png'), { type: 'image' });
 * const { data, contentType } = await app.media.get(message.MediaId);
 */
export class Media {
  readonly #api: ApiClient;
  readonly #settings: Settings;

  /** @internal */
  constructor(api: ApiClient, settings: Settings) {
    this.#api = api;
    this.#settings = settings;
  }

  /**
   * Uploads a file. It is read into memory up to the type's limit (`media.maxBytes`, images 2 MB)
   * and refused above it without sending; its format is checked from its bytes.
   */
  async upload(input: UploadInput, options: UploadOptions): Promise<UploadResult> {
    const { type, filename, contentType, ...request } = checkUploadOptions(options);
    const allowed = MEDIA_TYPES[this.#settings.kind];
    if (!allowed.includes(type)) {
      throw new ValidationError(
        'type',
        `a ${this.#settings.kind} can upload ${allowed.join(', ')}, not ${type}`,
      );
    }
    const read = await readUploadInput(input, this.#settings.mediaMaxBytes[type], `media.maxBytes.${type}`);
    const name = nameUpload(read.data, type, {
      filename: filename ?? read.filename,
      contentType: contentType ?? read.contentType,
    });
    // A Buffer body: exact Content-Length, and the same bytes again if a token refresh replays it.
    const multipart = buildMultipart({ field: 'media', ...name, data: read.data });
    return this.#api.json<UploadResult>({
      ...request,
      method: 'POST',
      path: '/cgi-bin/media/upload',
      query: `type=${type}`,
      body: multipart.body,
      contentType: multipart.contentType,
      retry: 'idempotent',
    });
  }

  /**
   * Downloads a file into memory, at most `maxBytes` (10 MB), within `timeout` for the whole
   * download. An errcode JSON answer rejects (e.g. 40007 → InvalidMediaError); `signal` aborts
   * it until the last byte.
   */
  async get(mediaId: string, options?: GetOptions): Promise<MediaFile> {
    const { maxBytes = DEFAULT_DOWNLOAD_MAX_BYTES, ...request } = optionsArg('options', options);
    checkMaxBytes(maxBytes);
    const download = await this.#api.downloadWhole(this.#call(mediaId, request), maxBytes);
    if (download.kind === 'json') return jsonMedia(mediaId, download.value);
    return { data: download.data, ...describe(mediaId, download.headers) };
  }

  /**
   * Downloads a file as a stream; the caller reads (or destroys) `body`. `timeout` bounds the
   * attempt up to the response headers, then each wait for more bytes, not the reading (it goes
   * at the caller's pace). `signal` destroys `body` with its reason until it has been read.
   */
  async stream(mediaId: string, options?: RequestOptions): Promise<MediaStream> {
    const download = await this.#api.download(this.#call(mediaId, optionsArg('options', options)));
    if (download.kind === 'json') {
      const { data, ...rest } = jsonMedia(mediaId, download.value);
      return { body: Readable.from([data]), ...rest };
    }
    return { body: download.body, ...describe(mediaId, download.headers) };
  }

  #call(mediaId: string, options: RequestOptions): ApiCall {
    checkString('media_id', mediaId);
    return {
      ...options,
      method: 'GET',
      path: '/cgi-bin/media/get',
      query: `media_id=${encodeURIComponent(mediaId)}`,
      retry: 'idempotent',
    };
  }
}

/** Like `timeout`, a bad `maxBytes` is a ConfigError (the caller's option), raised before sending. */
function checkMaxBytes(maxBytes: unknown): void {
  if (!(Number.isSafeInteger(maxBytes) && (maxBytes as number) > 0)) {
    throw new ConfigError('maxBytes', `must be a positive integer of bytes, got ${String(maxBytes)}`);
  }
}

function checkUploadOptions(options: UploadOptions): UploadOptions {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError(
      'type',
      "pass { type: 'image' } (or voice, video, thumb) as the second argument",
    );
  }
  if (!['image', 'voice', 'video', 'thumb'].includes(options.type)) {
    throw new ValidationError(
      'type',
      `must be image, voice, video or thumb, got ${JSON.stringify(options.type)}`,
    );
  }
  // From plain JS these may be anything; they go into the multipart headers as strings.
  optionalString('filename', options.filename);
  optionalString('contentType', options.contentType);
  return options;
}

/** Content type and filename from the headers (`Content-disposition: attachment; filename="…"`). */
function describe(mediaId: string, headers: Record<string, string | string[] | undefined>) {
  const contentType = String(headers['content-type'] ?? 'application/octet-stream');
  const disposition = String(headers['content-disposition'] ?? '');
  const named = safeFilename(
    /filename\s*=\s*"([^"]*)"/i.exec(disposition)?.[1] ?? /filename\s*=\s*([^;\s]+)/i.exec(disposition)?.[1],
  );
  return { contentType, filename: named ?? `${mediaId}${extensionOfMime(contentType)}` };
}

/** An official account's video: `{ video_url }` is the answer, not an error (SPEC §6.2). */
function jsonMedia(mediaId: string, value: Record<string, unknown>): MediaFile {
  const file: MediaFile = {
    data: Buffer.from(JSON.stringify(value)),
    contentType: 'application/json',
    filename: `${mediaId}.json`,
  };
  if (typeof value.video_url === 'string') file.video_url = value.video_url;
  return file;
}
