// Every implementation of the push pipeline by name, as `(url, body) → reply | Promise<reply>`,
// for the in-process section, its worker processes and the profiling helper.
import { createFloor } from '../floor/push-floor.mjs';
import { createWechatCrypto, createWecomCrypto } from '../peers/crypto-libs.mjs';
import { createEasyWeChat } from '../peers/easywechat.mjs';
import { createWebot } from '../peers/webot.mjs';
import { ACCOUNT, makePushes, replyChecker } from './pushes.mjs';
import { createSdkApp, sdkServe } from './sdk.mjs';

const FLOOR = { 'safe-xml': 'safeXml', 'safe-json': 'safeJson', 'plain-xml': 'plainXml' };

/**
 * `{ fn, extraCheck? }` for implementation `impl` on pushes of `kind`.
 * @param {'floor' | 'sdk' | 'webot' | 'easywechat' | 'wechat-crypto' | 'wecom-crypto'} impl
 * @param {'safe-xml' | 'safe-json' | 'plain-xml'} kind
 * @param sdk the imported dist/index.js (for `sdk`)
 */
export function createPipeline(impl, kind, sdk) {
  const encrypted = kind !== 'plain-xml';
  switch (impl) {
    case 'floor':
      return { fn: createFloor(ACCOUNT)[FLOOR[kind]] };
    case 'sdk': {
      const { app, seen } = createSdkApp(sdk, { encrypted });
      const extraCheck = () => {
        if (seen.errors > 0) throw new Error(`the SDK logged an error: ${seen.lastError}`);
      };
      return { fn: sdkServe(app), extraCheck };
    }
    case 'webot':
      return { fn: createWebot(ACCOUNT) };
    case 'easywechat':
      return { fn: createEasyWeChat(ACCOUNT, { encrypted }) };
    case 'wechat-crypto':
      return { fn: createWechatCrypto(ACCOUNT) };
    case 'wecom-crypto':
      return { fn: createWecomCrypto(ACCOUNT) };
    default:
      throw new Error(`unknown implementation ${impl}`);
  }
}

/** `{ run(i), check(reply) }` over 64 distinct pushes of `kind` (see lib/measure.mjs). */
export function candidateOf({ fn, extraCheck }, kind) {
  const pushes = makePushes(kind, 64);
  const checkReply = replyChecker(kind);
  return {
    run: (i) => {
      const push = pushes[i & 63];
      return fn(push.url, push.body);
    },
    check: (reply) => {
      checkReply(reply);
      extraCheck?.();
    },
  };
}
