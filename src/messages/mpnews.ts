import type { OutgoingMessage, SendPayload } from './message.js';
import { checkString } from './validate.js';

/** An article by material `media_id` (official accounts; deprecated by WeChat in favour of MpNewsArticle). */
export class MpNews implements OutgoingMessage<'mpnews'> {
  readonly type = 'mpnews';
  readonly mediaId: string;

  constructor(mediaId: string) {
    this.mediaId = checkString('mpnews.media_id', mediaId);
    Object.freeze(this);
  }

  toPayload(): SendPayload {
    return { msgtype: 'mpnews', mpnews: { media_id: this.mediaId } };
  }
}

/** A published article by `article_id` (official accounts). */
export class MpNewsArticle implements OutgoingMessage<'mpnewsarticle'> {
  readonly type = 'mpnewsarticle';
  readonly articleId: string;

  constructor(articleId: string) {
    this.articleId = checkString('mpnewsarticle.article_id', articleId);
    Object.freeze(this);
  }

  toPayload(): SendPayload {
    return { msgtype: 'mpnewsarticle', mpnewsarticle: { article_id: this.articleId } };
  }
}
