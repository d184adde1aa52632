/**
 * The API half of the local WeChat simulator: a strict fake of the endpoints of SPEC §4–§7 on
 * loopback, with a {@link WeChatWorld} to drive it from tests.
 */
export { startFakeApi } from './server.js';
export type {
  DeliveredMessage,
  FakeApi,
  FakeApiApp,
  FakeApiOptions,
  FakeMediaType,
  Fault,
  RequestRecord,
  StoredMedia,
  TypingEvent,
  WeChatWorld,
} from './types.js';
