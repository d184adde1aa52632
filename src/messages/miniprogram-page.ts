import type { OutgoingMessage, SendPayload } from './message.js';
import { checkObject, checkString } from './validate.js';

export interface MiniProgramPageOptions {
  title: string;
  /** Page path as in app.json, may carry a query: `pages/order/detail?id=42`. */
  pagePath: string;
  /** `media_id` of an uploaded image (suggested 520×416). */
  thumbMediaId: string;
  /** The mini program to open: required for official accounts, omit for mini programs (SPEC §4.2). */
  appId?: string;
}

/**
 * A mini-program card. When the user taps it and returns to the mini program, the page's
 * `bindcontact` handler receives its path and query (SPEC §8.1).
 *
 * @example new MiniProgramPage({ title: '订单详情', pagePath: 'pages/order/detail?id=42', thumbMediaId })
 */
export class MiniProgramPage implements OutgoingMessage<'miniprogrampage'> {
  readonly type = 'miniprogrampage';
  readonly title: string;
  readonly pagePath: string;
  readonly thumbMediaId: string;
  readonly appId: string | undefined;

  constructor(options: MiniProgramPageOptions) {
    checkObject('miniprogrampage', options);
    this.title = checkString('miniprogrampage.title', options.title);
    this.pagePath = checkString('miniprogrampage.pagepath', options.pagePath);
    this.thumbMediaId = checkString('miniprogrampage.thumb_media_id', options.thumbMediaId);
    this.appId =
      options.appId === undefined ? undefined : checkString('miniprogrampage.appid', options.appId);
    Object.freeze(this);
  }

  toPayload(): SendPayload {
    return {
      msgtype: 'miniprogrampage',
      miniprogrampage: {
        title: this.title,
        pagepath: this.pagePath,
        thumb_media_id: this.thumbMediaId,
        ...(this.appId === undefined ? {} : { appid: this.appId }),
      },
    };
  }
}
