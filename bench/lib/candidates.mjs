// Every implementation of the push pipeline by name, as `(url, body) → reply | Promise<reply>`,
// for the in-process section, its worker processes and the profiling helper.
import { createFloor } from '../floor/push-floor.mjs';
import { createWechatCrypto, createWecomCrypto } from '../peers/crypto-libs.mjs';
import { createEasyWeChat } from '../peers/easywechat.mjs';
import { createWebot } from '../peers/webot.mjs';
import { ACCOUNT, makePush, makePushes, replyChecker } from './pushes.mjs';
import { createSdkApp, sdkServe } from './sdk.mjs';

const FLOOR = { 'safe-xml': 'safeXml', 'safe-json': 'safeJson', 'plain-xml': 'plainXml' };

/**
 * `{ fn, extraCheck? }` for implementation `impl` on pushes of `kind`.
 * `fresh: true` asks for a never-seen push per operation (a de-duplicating server answers a repeat
 * with `success`, skipping the work being measured).
 * @param {'floor' | 'sdk' | 'sdk-fresh' | 'sdk-defaults' | 'webot' | 'easywechat' | 'wechat-crypto' | 'wecom-crypto'} impl
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
    case 'sdk-fresh': {
      // sdk-defaults' never-seen pushes with de-dup off: what de-dup itself costs is the difference.
      const { app, seen } = createSdkApp(sdk, { encrypted });
      const extraCheck = () => {
        if (seen.errors > 0) throw new Error(`the SDK logged an error: ${seen.lastError}`);
      };
      return { fn: sdkServe(app), extraCheck, fresh: true };
    }
    case 'sdk-defaults': {
      // The SDK as an app gets it: de-duplication on (its default MemoryCache, max 100,000 keys).
      const { app, seen } = createSdkApp(sdk, { encrypted, dedupe: true });
      const extraCheck = () => {
        if (seen.errors > 0) throw new Error(`the SDK logged an error: ${seen.lastError}`);
      };
      return { fn: sdkServe(app), extraCheck, fresh: true };
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

/** `{ run(i), check(reply), prepare? }` over 64 distinct pushes of `kind`, or fresh ones (see lib/measure.mjs). */
export function candidateOf({ fn, extraCheck, fresh }, kind) {
  const checkReply = replyChecker(kind);
  const check = (reply) => {
    checkReply(reply);
    extraCheck?.();
  };
  if (fresh) return freshCandidate(fn, kind, check);
  const pushes = makePushes(kind, 64);
  return {
    run: (i) => {
      const push = pushes[i & 63];
      return fn(push.url, push.body);
    },
    check,
  };
}

/** Every operation gets a push never sent before (own nonce and MsgId), made before the clock starts. */
function freshCandidate(fn, kind, check) {
  let made = 0;
  let pushes = [];
  return {
    prepare(count) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      pushes = Array.from({ length: count }, () => {
        made++;
        return makePush(
          kind,
          timestamp,
          String(2_000_000_000 + made),
          String(7054768590064713728n + BigInt(made)),
        );
      });
    },
    run: (i) => fn(pushes[i].url, pushes[i].body),
    check,
  };
}
