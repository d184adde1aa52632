// Section 1: the push pipeline in process (verify → decrypt → parse → dispatch → build → encrypt →
// sign) for safe-mode XML, safe-mode JSON and plaintext XML, against the floor and the peers.
import { createFloor } from '../floor/push-floor.mjs';
import { compare } from '../lib/measure.mjs';
import { ACCOUNT, makePushes, replyChecker } from '../lib/pushes.mjs';
import { createSdkApp, sdkServe } from '../lib/sdk.mjs';
import { perOp, times } from '../lib/stats.mjs';
import { targetRow } from '../lib/table.mjs';
import { createWechatCrypto, createWecomCrypto } from '../peers/crypto-libs.mjs';
import { createEasyWeChat } from '../peers/easywechat.mjs';
import { createWebot } from '../peers/webot.mjs';

export const SDK_LABEL = 'wechat-customer-service serve()';
const WEBOT = 'node-webot `wechat` middleware';
const EASYWECHAT = 'node-easywechat MiniApp server';
/** Peers that are whole products (parse, dispatch, reply), the ones the "≥ 3× faster" targets name. */
const PRODUCTS = [WEBOT, EASYWECHAT];

function sdkCandidate(sdk, encrypted) {
  if (!sdk.module) return { unavailable: sdk.error };
  const { app, seen } = createSdkApp(sdk.module, { encrypted });
  return {
    fn: sdkServe(app),
    extraCheck: () => {
      if (seen.errors > 0) throw new Error(`the SDK logged an error: ${seen.lastError}`);
    },
  };
}

function groups(sdk) {
  const floor = createFloor(ACCOUNT);
  return [
    {
      kind: 'safe-xml',
      area: 'Push in process · safe XML',
      candidates: [
        ['floor: node:crypto + indexOf', { fn: floor.safeXml }],
        [SDK_LABEL, sdkCandidate(sdk, true)],
        [WEBOT, { fn: createWebot(ACCOUNT) }],
        [EASYWECHAT, { fn: createEasyWeChat(ACCOUNT) }],
        ['wechat-crypto (crypto only, floor parsing)', { fn: createWechatCrypto(ACCOUNT) }],
        ['@wecom/crypto (crypto only, floor parsing)', { fn: createWecomCrypto(ACCOUNT) }],
      ],
    },
    {
      kind: 'safe-json',
      area: 'Push in process · safe JSON',
      candidates: [
        ['floor: node:crypto + indexOf', { fn: floor.safeJson }],
        [SDK_LABEL, sdkCandidate(sdk, true)],
      ],
    },
    {
      kind: 'plain-xml',
      area: 'Push in process · plaintext XML',
      candidates: [
        ['floor: node:crypto + indexOf', { fn: floor.plainXml }],
        [SDK_LABEL, sdkCandidate(sdk, false)],
        [WEBOT, { fn: createWebot(ACCOUNT) }],
        [EASYWECHAT, { fn: createEasyWeChat(ACCOUNT, { encrypted: false }) }],
      ],
    },
  ];
}

function toCandidate(label, spec, kind) {
  const pushes = makePushes(kind, 64);
  const checkReply = replyChecker(kind);
  return {
    label,
    run: (i) => {
      const push = pushes[i & 63];
      return spec.fn(push.url, push.body);
    },
    check: (reply) => {
      checkReply(reply);
      spec.extraCheck?.();
    },
  };
}

function rowOf(area, measured, unavailable) {
  if (unavailable) return { area, subject: measured.label, figure: `n/a: ${unavailable}` };
  if (measured.error)
    return { area, subject: measured.label, figure: `ERROR: ${measured.error}`, failed: true };
  return {
    area,
    subject: measured.label,
    figure: perOp(measured.median),
    spread: `±${measured.spread.toFixed(1)}%`,
    ratio: times(measured.ratio),
  };
}

/** Targets of issue 5 for one group, from its measurements (ratios to the floor of the same run). */
function groupTargets(group, byLabel) {
  const sdk = byLabel.get(SDK_LABEL);
  const ok = sdk && Number.isFinite(sdk.ratio);
  const rows = [];
  const name = group.area.replace('Push in process · ', '');
  if (group.kind !== 'plain-xml') {
    rows.push(
      targetRow(
        `${name} push: cost vs floor`,
        ok ? times(sdk.ratio) : 'n/a',
        '≤ 1.50× floor',
        ok ? sdk.ratio <= 1.5 : undefined,
      ),
    );
  }
  const peers = PRODUCTS.map((label) => byLabel.get(label)).filter((m) => m && Number.isFinite(m.ratio));
  if (peers.length > 0) {
    const fastest = peers.reduce((a, b) => (a.ratio <= b.ratio ? a : b));
    const speedup = ok ? fastest.ratio / sdk.ratio : Number.NaN;
    rows.push(
      targetRow(
        `${name} push: speed vs fastest peer product (${fastest.label})`,
        ok ? `${speedup.toFixed(1)}× faster` : 'n/a',
        '≥ 3× faster',
        ok ? speedup >= 3 : undefined,
      ),
    );
  }
  return rows;
}

/** Runs section 1 → { rows, targets }. */
export async function pipelineSuite({ sdk, profile }) {
  const rows = [];
  const targets = [];
  for (const group of groups(sdk)) {
    const live = group.candidates.filter(([, spec]) => !spec.unavailable);
    const measured = await compare(
      live.map(([label, spec]) => toCandidate(label, spec, group.kind)),
      profile.pipeline,
    );
    const byLabel = new Map(measured.map((m) => [m.label, m]));
    for (const [label, spec] of group.candidates) {
      rows.push(rowOf(group.area, byLabel.get(label) ?? { label }, spec.unavailable));
    }
    targets.push(...groupTargets(group, byLabel));
  }
  return { rows, targets };
}
