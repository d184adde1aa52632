import { randomBytes } from 'node:crypto';
import type { StoredMedia } from './types.js';

/** SPEC §6.1: a media_id is valid for 3 days. */
export const MEDIA_TTL_MS = 3 * 24 * 3_600_000;

interface Entry extends StoredMedia {
  appId: string;
}

/** Temporary media of every app, expiring by the clock (3 days). */
export class MediaStore {
  readonly #entries = new Map<string, Entry>();

  /** Stores a file and returns its new media_id (64 URL-safe characters, like WeChat's). */
  put(appId: string, media: Omit<StoredMedia, 'createdAt'>, now: number): string {
    this.#forgetExpired(now);
    const mediaId = randomBytes(48).toString('base64url');
    this.#entries.set(mediaId, { ...media, appId, createdAt: now });
    return mediaId;
  }

  /** The app's media, or undefined when unknown, another app's, or expired. */
  get(appId: string, mediaId: string, now: number): StoredMedia | undefined {
    const entry = this.#entries.get(mediaId);
    if (entry === undefined || entry.appId !== appId || now - entry.createdAt >= MEDIA_TTL_MS)
      return undefined;
    const { appId: _owner, ...media } = entry;
    return media;
  }

  #forgetExpired(now: number): void {
    for (const [mediaId, entry] of this.#entries) {
      if (now - entry.createdAt >= MEDIA_TTL_MS) this.#entries.delete(mediaId);
    }
  }
}
