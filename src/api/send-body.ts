import type { AccountKind } from '../options.js';

/**
 * Typed bodies of `/cgi-bin/message/custom/send` for `customerService.send(raw)`, with WeChat's
 * wire names (SPEC §4.2, DESIGN §1.3). For a `msgtype` not listed here, use
 * `message(new Raw({ … })).to(openid).send()`.
 */

interface Common {
  /** The user's OpenID. */
  touser: string;
  /** Labels the message as AI-generated (内容由第三方AI生成). */
  aimsgcontext?: { is_ai_msg: 0 | 1 };
  /** 客服子商户 id (also selects `/cgi-bin/message/custom/business/send` when given as an option). */
  businessid?: string;
}

type TextBody = { msgtype: 'text'; text: { content: string } };
type ImageBody = { msgtype: 'image'; image: { media_id: string } };
type LinkBody = {
  msgtype: 'link';
  link: { title: string; description: string; url: string; thumb_url: string };
};
type MiniProgramPageBody = {
  msgtype: 'miniprogrampage';
  miniprogrampage: { title: string; pagepath: string; thumb_media_id: string; appid?: string };
};
type VoiceBody = { msgtype: 'voice'; voice: { media_id: string } };
type VideoBody = {
  msgtype: 'video';
  video: { media_id: string; thumb_media_id: string; title?: string; description?: string };
};
type MusicBody = {
  msgtype: 'music';
  music: {
    title: string;
    description: string;
    musicurl: string;
    hqmusicurl?: string;
    thumb_media_id: string;
  };
};
type NewsBody = {
  msgtype: 'news';
  news: { articles: [{ title: string; description: string; url: string; picurl: string }] };
};
type MpNewsBody = { msgtype: 'mpnews'; mpnews: { media_id: string } };
type MpNewsArticleBody = { msgtype: 'mpnewsarticle'; mpnewsarticle: { article_id: string } };
type MsgMenuBody = {
  msgtype: 'msgmenu';
  msgmenu: { head_content?: string; list: { id: string; content: string }[]; tail_content?: string };
};
type WxCardBody = { msgtype: 'wxcard'; wxcard: { card_id: string } };

/** What a mini program can send (SPEC §4.2). */
export type MiniProgramSendBody = Common & (TextBody | ImageBody | LinkBody | MiniProgramPageBody);

/** What an official account can send (SPEC §4.2), optionally as an agent account. */
export type OfficialAccountSendBody = Common & {
  /** Send as this agent account (`kf2001@gh_x`). */
  customservice?: { kf_account: string };
} & (
    | TextBody
    | ImageBody
    | VoiceBody
    | VideoBody
    | MusicBody
    | NewsBody
    | MpNewsBody
    | MpNewsArticleBody
    | MsgMenuBody
    | WxCardBody
    | MiniProgramPageBody
  );

/** The raw send bodies an account of kind `K` may send. */
export type SendBodyFor<K extends AccountKind> =
  | (K extends 'miniprogram' ? MiniProgramSendBody : never)
  | (K extends 'official-account' ? OfficialAccountSendBody : never);
