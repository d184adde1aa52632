import type { AccountKind } from '../../options.js';
import type { FakeMediaType } from './types.js';

/** The object named after a `msgtype` (SPEC §4.2). */
export interface ObjectSchema {
  /** Account kinds that may send it (mini programs: text, image, link, miniprogrampage). */
  kinds: readonly AccountKind[];
  /** Fields that must be non-empty strings. */
  required: readonly string[];
  /** Fields that, when present, must be strings. */
  optional: readonly string[];
  /** Fields naming temporary media, with the media types they accept (40007 otherwise). */
  media: Readonly<Record<string, readonly FakeMediaType[]>>;
}

const MP: readonly AccountKind[] = ['miniprogram'];
const OA: readonly AccountKind[] = ['official-account'];
const BOTH: readonly AccountKind[] = ['miniprogram', 'official-account'];
const PICTURE: readonly FakeMediaType[] = ['image', 'thumb'];

/** Per-msgtype rules; `text`, `news`, `msgmenu` and `miniprogrampage` get extra checks. */
export const SCHEMAS: Readonly<Record<string, ObjectSchema>> = {
  text: { kinds: BOTH, required: [], optional: [], media: {} },
  image: { kinds: BOTH, required: ['media_id'], optional: [], media: { media_id: ['image'] } },
  link: { kinds: MP, required: ['title', 'description', 'url', 'thumb_url'], optional: [], media: {} },
  miniprogrampage: {
    kinds: BOTH,
    required: ['title', 'pagepath', 'thumb_media_id'],
    optional: ['appid'],
    media: { thumb_media_id: PICTURE },
  },
  voice: { kinds: OA, required: ['media_id'], optional: [], media: { media_id: ['voice'] } },
  video: {
    kinds: OA,
    required: ['media_id', 'thumb_media_id'],
    optional: ['title', 'description'],
    media: { media_id: ['video'], thumb_media_id: PICTURE },
  },
  music: {
    kinds: OA,
    required: ['title', 'description', 'musicurl', 'thumb_media_id'],
    optional: ['hqmusicurl'],
    media: { thumb_media_id: PICTURE },
  },
  news: { kinds: OA, required: [], optional: [], media: {} },
  // mpnews media_ids are permanent materials, which the fake API does not store: shape only.
  mpnews: { kinds: OA, required: ['media_id'], optional: [], media: {} },
  mpnewsarticle: { kinds: OA, required: ['article_id'], optional: [], media: {} },
  msgmenu: { kinds: OA, required: [], optional: ['head_content', 'tail_content'], media: {} },
  wxcard: { kinds: OA, required: ['card_id'], optional: [], media: {} },
};

/** SPEC §4.3: text content is measured in UTF-8 bytes, 2048 at most. */
export const MAX_TEXT_BYTES = 2048;
