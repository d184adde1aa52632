import { ApiFailure } from './errcodes.js';
import { authenticate, requireMethod } from './guards.js';
import { checkMediaFile, checkMediaType, downloadExtension } from './media-formats.js';
import { boundaryOf, parseMultipart } from './multipart.js';
import { jsonReply, type Reply } from './reply.js';
import type { RouteContext } from './services.js';
import type { StoredMedia } from './types.js';

/** Room for the multipart envelope around the largest file. */
const ENVELOPE_BYTES = 64 * 1024;

/**
 * `POST /cgi-bin/media/upload?type=` (SPEC §6.1): the type must suit the account (40004), the body
 * must be multipart/form-data with a `media` part (41005) that has a filename and a Content-Type
 * agreeing with its bytes (40005), non-empty (40009) and within the type's limit (45001).
 */
export async function uploadRoute(context: RouteContext): Promise<Reply> {
  requireMethod(context, 'POST');
  const app = authenticate(context);
  const type = checkMediaType(context.query.get('type'), app.kind);
  const boundary = boundaryOf(context.contentType);
  if (boundary === undefined) throw new ApiFailure(41005, 'the body must be multipart/form-data');
  const { services } = context;
  const limit = Math.max(...Object.values(services.mediaMaxBytes)) + ENVELOPE_BYTES;
  const result = await context.readBody(limit);
  if (result.tooLarge) throw new ApiFailure(45001);
  const part = parseMultipart(result.body, boundary)?.find((p) => p.name === 'media');
  if (part === undefined) throw new ApiFailure(41005, 'no form-data part named "media"');
  if (!part.filename) throw new ApiFailure(40005, 'the media part has no filename');
  if (!part.contentType) throw new ApiFailure(40005, 'the media part has no Content-Type');
  const file = { filename: part.filename, contentType: part.contentType, data: part.data };
  checkMediaFile(type, file, services.mediaMaxBytes[type]);
  const mediaId = services.media.put(app.appId, { type, ...file }, context.now);
  return jsonReply({ type, media_id: mediaId, created_at: Math.floor(context.now / 1000) });
}

/**
 * `GET /cgi-bin/media/get?media_id=` (SPEC §6.2): the bytes with WeChat's headers, or
 * `{"errcode":40007,…}` for an unknown, foreign or expired (3 days) id. Video answers
 * `{"video_url":…}` pointing at an unauthenticated download, as for official accounts.
 */
export function downloadRoute(context: RouteContext): Reply {
  requireMethod(context, 'GET');
  const app = authenticate(context);
  const mediaId = context.query.get('media_id') ?? '';
  const media = context.services.media.get(app.appId, mediaId, context.now);
  if (media === undefined) throw new ApiFailure(40007);
  if (media.type === 'video') {
    return jsonReply({ video_url: `${context.services.baseUrl}${VIDEO_PREFIX}${app.appId}/${mediaId}` });
  }
  return fileReply(mediaId, media);
}

/** Where `video_url` points (not a WeChat path: stands for WeChat's video CDN). */
export const VIDEO_PREFIX = '/__fake/video/';

/** `GET /__fake/video/APPID/MEDIA_ID`: the video bytes, no token (like a CDN link). */
export function videoRoute(context: RouteContext): Reply | undefined {
  const [appId = '', mediaId = ''] = context.path.slice(VIDEO_PREFIX.length).split('/');
  const media = context.services.media.get(appId, mediaId, context.now);
  return media?.type === 'video' && context.method === 'GET' ? fileReply(mediaId, media) : undefined;
}

function fileReply(mediaId: string, media: StoredMedia): Reply {
  return {
    status: 200,
    headers: {
      'Content-Type': media.contentType,
      'Content-disposition': `attachment; filename="${mediaId}.${downloadExtension(media.contentType, media.filename)}"`,
      'Cache-Control': 'no-cache, must-revalidate',
      'Content-Length': media.data.length,
    },
    body: media.data,
  };
}
