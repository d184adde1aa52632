export { Image } from './image.js';
export {
  canSend,
  type MessageFor,
  type MiniProgramMessage,
  type OfficialAccountMessage,
  toSendable,
} from './kinds.js';
export { Link, type LinkOptions } from './link.js';
export type { OutgoingMessage, SendPayload } from './message.js';
export { MiniProgramPage, type MiniProgramPageOptions } from './miniprogram-page.js';
export { MpNews, MpNewsArticle } from './mpnews.js';
export { MsgMenu, type MsgMenuOption, type MsgMenuOptions } from './msg-menu.js';
export { Music, type MusicOptions } from './music.js';
export { News, type NewsArticle } from './news.js';
export { Raw } from './raw.js';
export { splitText } from './split-text.js';
export { DEFAULT_TEXT_MAX_BYTES, Text, type TextOptions } from './text.js';
export { TransferCustomerService } from './transfer-customer-service.js';
export { Video, type VideoOptions } from './video.js';
export { Voice } from './voice.js';
export { WxCard } from './wx-card.js';
