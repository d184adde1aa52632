import { ValidationError } from '../errors.js';
import type { OutgoingMessage, SendPayload } from './message.js';
import { checkString, checkUrl } from './validate.js';

export interface NewsArticle {
  title: string;
  description: string;
  /** Opened when the user taps the card. */
  url: string;
  /** Cover image URL (360×200 large, 200×200 small). */
  picUrl: string;
}

/**
 * A news card (official accounts). The send API takes exactly one article; a passive reply to
 * an event may carry up to 8 (SPEC §3.4, §4.2).
 *
 * @example new News([{ title, description, url, picUrl }])
 */
export class News implements OutgoingMessage<'news'> {
  readonly type = 'news';
  readonly articles: readonly Readonly<NewsArticle>[];

  constructor(articles: readonly NewsArticle[]) {
    if (!Array.isArray(articles) || articles.length < 1 || articles.length > 8) {
      throw new ValidationError('news.articles', 'must be an array of 1 to 8 articles');
    }
    this.articles = Object.freeze(articles.map((article, i) => checkArticle(article, i)));
    Object.freeze(this);
  }

  toPayload(): SendPayload {
    if (this.articles.length > 1) {
      throw new ValidationError(
        'news.articles',
        `the send API takes 1 article, got ${this.articles.length} (WeChat answers 45008); send one News per article`,
      );
    }
    const articles = this.articles.map((a) => ({
      title: a.title,
      description: a.description,
      url: a.url,
      picurl: a.picUrl,
    }));
    return { msgtype: 'news', news: { articles } };
  }
}

function checkArticle(article: NewsArticle, i: number): Readonly<NewsArticle> {
  if (typeof article !== 'object' || article === null) {
    throw new ValidationError(`news.articles[${i}]`, 'must be an object { title, description, url, picUrl }');
  }
  return Object.freeze({
    title: checkString(`news.articles[${i}].title`, article.title),
    description: checkString(`news.articles[${i}].description`, article.description, { allowEmpty: true }),
    url: checkUrl(`news.articles[${i}].url`, article.url),
    picUrl: checkUrl(`news.articles[${i}].picurl`, article.picUrl),
  });
}
