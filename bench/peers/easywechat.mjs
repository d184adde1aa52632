// node-easywechat (the Node port of EasyWeChat) MiniApp server, driven in process through its own
// ServerRequest, Encryptor and Server classes. Its handler transfers text messages.
//
// The classes are loaded by their dist paths: node-easywechat 3.6.2 (the latest) requires
// `node-socialite/dist/Core/ProviderInterface`, which node-socialite 1.5 removed (package.json pins
// 1.4.1 through `overrides`); the dist paths also skip the rest of the SDK. The push path never
// touches node-socialite.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * `(url, body) → Promise<{ status, body }>` for node-easywechat's MiniApp server for `account`.
 *
 * A new Server per push: its `serve()` prepends a decrypting handler to the server's handler list
 * on every call, so a reused Server (what `app.getServer()` returns) slows down push after push.
 * One Server per push is the fair, steady-state way to use it.
 */
export function createEasyWeChat(account, { encrypted = true } = {}) {
  const ServerRequest = require('node-easywechat/dist/Core/Http/ServerRequest');
  const Encryptor = require('node-easywechat/dist/Core/Encryptor');
  const Server = require('node-easywechat/dist/MiniApp/Server');
  // As MiniApp's getEncryptor() builds it.
  const encryptor = encrypted
    ? new Encryptor(account.appId, account.token, account.aesKey, account.appId)
    : null;
  const transfer = async (message, next) =>
    message.MsgType === 'text' ? { MsgType: 'transfer_customer_service' } : next(message);
  return async (url, body) => {
    const request = new ServerRequest('POST', url, { 'content-type': 'text/xml' }, Buffer.from(body));
    const server = new Server(request, encryptor);
    server.with(transfer);
    const response = await server.serve();
    return { status: response.getStatusCode(), body: response.getBody().toString() };
  };
}
