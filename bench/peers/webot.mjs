// node-webot `wechat` (npm `wechat`), the Express/Connect middleware, driven in process: a
// request object as Express would hand it over (method, parsed query, raw body) and a response
// object that resolves with what the middleware writes. Its handler transfers text messages.
import { createRequire } from 'node:module';
import { parse } from 'node:querystring';

const require = createRequire(import.meta.url);

/**
 * `(url, body) → Promise<{ status, body }>` for node-webot's middleware configured for `account`
 * (safe mode when the push carries `encrypt_type`, plaintext otherwise).
 */
export function createWebot(account) {
  const wechat = require('wechat');
  const config = { token: account.token, appid: account.appId, encodingAESKey: account.aesKey };
  const middleware = wechat(
    config,
    wechat.text((_message, _req, res) => res.transfer2CustomerService()),
  );
  return (url, body) =>
    new Promise((resolve, reject) => {
      // Express parses the query with node:querystring (its "simple" parser) before any middleware.
      const req = {
        method: 'POST',
        url,
        query: parse(url.slice(url.indexOf('?') + 1)),
        rawBody: Buffer.from(body),
      };
      let status = 200;
      const res = {
        writeHead(code) {
          status = code;
        },
        end(text) {
          resolve({ status, body: text });
        },
      };
      middleware(req, res, (error) => reject(error ?? new Error('webot called next() without replying')));
    });
}
