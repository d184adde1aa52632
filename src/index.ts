// wechat-customer-service: grouped re-exports only (DESIGN §10).

// Sending, typing, media
export type {
  CustomerService,
  MessageBuilder,
  Recipient,
  SendOptions,
  SendResult,
} from './api/customer-service.js';
export type {
  GetOptions,
  Media,
  MediaFile,
  MediaStream,
  UploadInput,
  UploadOptions,
  UploadResult,
} from './api/media.js';
export type { SendBodyFor } from './api/send-body.js';
export type { Typing, TypingCommand, TypingOptions, TypingResult } from './api/typing.js';
// The facade and its options
export { Application } from './application.js';
export type { AccessTokenManager, GetTokenOptions } from './auth/access-token.js';
// Storage for tokens, locks and de-duplication (RedisCache lives in `wechat-customer-service/redis`)
export { type Cache, MemoryCache, type MemoryCacheOptions } from './auth/cache.js';
// Errors
export * from './errors.js';
export type { RequestOptions } from './http/client.js';
export { redactUrl } from './http/redact.js';
export { consoleLogger, type LogFn, type Logger, silentLogger } from './logger.js';
// Receiving pushes
export type * from './messages/inbound.js';
// Outgoing messages
export * from './messages/index.js';
export type {
  AccessTokenProvider,
  AccountKind,
  ApplicationOptions,
  HttpOptions,
  MediaOptions,
  MediaType,
  ProvidedToken,
  ServerOptions,
} from './options.js';
export type { FastifyHandler } from './server/adapters/fastify.js';
export type { FetchHandler, FetchHandlerOptions } from './server/adapters/fetch.js';
export type { KoaMiddleware, KoaMiddlewareOptions } from './server/adapters/koa.js';
export type { NodeHandler } from './server/adapters/node.js';
export { type Condition, isMessage } from './server/conditions.js';
export type { HandlerResult, PushContext } from './server/context.js';
export { decryptMessage, encryptMessage } from './server/crypto.js';
export type { ServeRequest, ServeResponse } from './server/http.js';
export { parseMessage } from './server/parse.js';
export type { ErrorHandler, Handler, Middleware } from './server/router.js';
export type { Server } from './server/server.js';
export { isValidSignature, verifySignature } from './server/signature.js';
