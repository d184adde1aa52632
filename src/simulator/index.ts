/**
 * `wechat-customer-service/simulator`: a local WeChat for development and tests (DESIGN §9): the
 * fake API (`startFakeApi`) alone, or the whole simulator (`startSimulator`) with users and a
 * chat page.
 */
export * from './api/index.js';
export type {
  BotEntry,
  ChatEntry,
  ContactDetail,
  SystemEntry,
  UserEntry,
} from './chat/entries.js';
export { MINIPROGRAM_NOTICE, OFFICIAL_ACCOUNT_NOTICE } from './chat/entries.js';
export { startSimulator } from './start.js';
export type {
  DeliveryOutcome,
  PushFormat,
  PushMode,
  ReplyKind,
  SimulatedUser,
  Simulator,
  SimulatorApp,
  SimulatorOptions,
  UserCard,
  WebhookOptions,
} from './types.js';
