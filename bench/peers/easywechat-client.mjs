// node-easywechat's API client (axios) pointed at the fake API, with an in-memory cache: its
// default FileCache writes tokens to files in the working directory, the AppSecret in the name.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** node-easywechat's CacheInterface on a Map (lifetimes in seconds, as it passes them). */
function memoryCache() {
  const entries = new Map();
  const live = (key) => {
    const entry = entries.get(key);
    if (entry && entry.expires > Date.now()) return entry;
    entries.delete(key);
    return undefined;
  };
  return {
    get: async (key) => live(key)?.value,
    has: async (key) => live(key) !== undefined,
    set: async (key, value, lifetime = 1500) => {
      entries.set(key, { value, expires: Date.now() + lifetime * 1000 });
      return true;
    },
    delete: async (key) => entries.delete(key),
  };
}

/** `(openid, content) → Promise<{ errcode }>`: a customer-service text send through node-easywechat. */
export function createEasyWeChatSender({ appId, secret, baseUrl }) {
  // Loaded by path: the package's main entry does not load with node-socialite ≥ 1.5 (see easywechat.mjs).
  const MiniApp = require('node-easywechat/dist/MiniApp/Application');
  const app = new MiniApp({
    app_id: appId,
    secret,
    use_stable_access_token: true,
    http: { baseURL: `${baseUrl}/` },
  });
  app.setCache(memoryCache());
  const client = app.getClient();
  return async (openid, content) => {
    const response = await client.postJson('cgi-bin/message/custom/send', {
      touser: openid,
      msgtype: 'text',
      text: { content },
    });
    return response.toObject();
  };
}
