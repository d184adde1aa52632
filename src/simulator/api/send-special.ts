import type { AppInfo } from './apps.js';
import { ApiFailure } from './errcodes.js';
import { MAX_TEXT_BYTES } from './send-schema.js';

/** Rules that are not "required string" (SPEC §4.2, §4.3). */
export const SPECIAL: Readonly<Record<string, (object: Record<string, unknown>, app: AppInfo) => void>> = {
  text(object) {
    const content = object.content;
    if (typeof content !== 'string') throw new ApiFailure(47001, 'text.content missing');
    if (content === '') throw new ApiFailure(44004);
    if (Buffer.byteLength(content, 'utf8') > MAX_TEXT_BYTES) throw new ApiFailure(45002);
  },
  news(object) {
    const articles = object.articles;
    if (!Array.isArray(articles)) throw new ApiFailure(47001, 'news.articles missing');
    if (articles.length === 0) throw new ApiFailure(44003);
    if (articles.length > 1) throw new ApiFailure(45008, 'news takes 1 article');
    const article = articles[0] as unknown;
    const fields = ['title', 'description', 'url', 'picurl'];
    if (typeof article !== 'object' || article === null)
      throw new ApiFailure(47001, 'news.articles[0] missing');
    for (const field of fields) {
      const value = (article as Record<string, unknown>)[field];
      if (typeof value !== 'string' || value === '')
        throw new ApiFailure(47001, `news.articles[0].${field} missing`);
    }
  },
  msgmenu(object) {
    const list = object.list;
    if (!Array.isArray(list) || list.length === 0) throw new ApiFailure(47001, 'msgmenu.list missing');
    for (const item of list as unknown[]) {
      const entry = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
      if (typeof entry.id !== 'string' || typeof entry.content !== 'string' || entry.content === '') {
        throw new ApiFailure(47001, 'msgmenu.list items need id and content strings');
      }
    }
  },
  miniprogrampage(object, app) {
    const appid = object.appid;
    // Official accounts must name the mini program; a mini program's card opens itself (SPEC §4.2).
    if (app.kind === 'official-account' && (typeof appid !== 'string' || appid === '')) {
      throw new ApiFailure(47001, 'miniprogrampage.appid missing');
    }
    if (app.kind === 'miniprogram' && appid !== undefined && appid !== app.appId) {
      throw new ApiFailure(40013, 'miniprogrampage.appid must be this mini program');
    }
  },
};
