// Section 1: the push pipeline in process (verify → decrypt → parse → dispatch → build → encrypt →
// sign) for safe-mode XML, safe-mode JSON and plaintext XML, against the floor and the peers.
// Each implementation runs in a worker process of its own (lib/isolated.mjs): the peers' heavy
// garbage would otherwise trigger collections during other implementations' batches.
import { isolated } from '../lib/isolated.mjs';
import { compare } from '../lib/measure.mjs';
import { judge, perOp, ratioWithInterval, times } from '../lib/stats.mjs';
import { targetRow } from '../lib/table.mjs';

export const SDK_LABEL = 'wechat-customer-service serve()';
const FLOOR = 'floor: node:crypto + indexOf';
const WEBOT = 'node-webot `wechat` middleware';
const EASYWECHAT = 'node-easywechat MiniApp server';
/**
 * Informational (no target): the SDK with de-duplication on, as apps run it, fed never-seen
 * pushes; and the same pushes with de-dup off, so the difference is de-dup's own cost (a never-seen
 * push costs more than one of the 64 the other rows cycle through, de-dup or not).
 */
const SDK_DEFAULTS = 'wechat-customer-service serve(), SDK defaults (de-dup on), never-seen pushes';
const SDK_FRESH = 'wechat-customer-service serve(), de-dup off, never-seen pushes';
/** Peers that are whole products (parse, dispatch, reply), the ones the "≥ 3× faster" targets name. */
const PRODUCTS = [WEBOT, EASYWECHAT];

const GROUPS = [
  {
    kind: 'safe-xml',
    area: 'Push in process · safe XML',
    candidates: [
      [FLOOR, 'floor'],
      [SDK_LABEL, 'sdk'],
      [SDK_FRESH, 'sdk-fresh'],
      [SDK_DEFAULTS, 'sdk-defaults'],
      [WEBOT, 'webot'],
      [EASYWECHAT, 'easywechat'],
      ['wechat-crypto (crypto only, floor parsing)', 'wechat-crypto'],
      ['@wecom/crypto (crypto only, floor parsing)', 'wecom-crypto'],
    ],
  },
  {
    kind: 'safe-json',
    area: 'Push in process · safe JSON',
    candidates: [
      [FLOOR, 'floor'],
      [SDK_LABEL, 'sdk'],
    ],
  },
  {
    kind: 'plain-xml',
    area: 'Push in process · plaintext XML',
    candidates: [
      [FLOOR, 'floor'],
      [SDK_LABEL, 'sdk'],
      [WEBOT, 'webot'],
      [EASYWECHAT, 'easywechat'],
    ],
  },
];

function rowOf(area, label, measured, unavailable) {
  if (unavailable) return { area, subject: label, figure: `n/a: ${unavailable}` };
  if (measured.error) return { area, subject: label, figure: `ERROR: ${measured.error}`, failed: true };
  if (!Number.isFinite(measured.ratio))
    return { area, subject: label, figure: perOp(measured.median), ratio: 'n/a (no floor)' };
  return {
    area,
    subject: label,
    figure: perOp(measured.median),
    spread: `±${measured.spread.toFixed(1)}%`,
    ratio: times(measured.ratio),
  };
}

/** Targets of issue 5 for one group, judged on per-round ratios to the floor of the same run. */
function groupTargets(group, byLabel) {
  const sdk = byLabel.get(SDK_LABEL);
  const ok = sdk !== undefined && Number.isFinite(sdk.ratio);
  const rows = [];
  const name = group.area.replace('Push in process · ', '');
  if (group.kind !== 'plain-xml') {
    rows.push(
      targetRow(
        `${name} push: cost vs floor`,
        ok ? ratioWithInterval(sdk.ratios) : 'n/a',
        '≤ 1.50× floor',
        ok ? judge(sdk.ratios, (r) => r <= 1.5) : undefined,
      ),
    );
  }
  const peers = PRODUCTS.map((label) => byLabel.get(label)).filter((m) => m && Number.isFinite(m.ratio));
  if (peers.length > 0) {
    const fastest = peers.reduce((a, b) => (a.ratio <= b.ratio ? a : b));
    // Per round: the peer's time ÷ the SDK's time in the same round.
    const speedups = ok ? fastest.ratios.map((r, i) => r / sdk.ratios[i]) : [];
    rows.push(
      targetRow(
        `${name} push: speed vs fastest peer product (${fastest.label})`,
        ok ? `${ratioWithInterval(speedups, (r) => `${r.toFixed(1)}×`)} faster` : 'n/a',
        '≥ 3× faster',
        ok ? judge(speedups, (r) => r >= 3) : undefined,
      ),
    );
  }
  return rows;
}

/** A runner standing in for an implementation that did not start: compare() records it as failed. */
function notStarted(started) {
  const fail = async () => {
    throw new Error(started.error ?? started.unavailable);
  };
  return { label: started.label, calibrate: fail, batch: fail };
}

async function startOne(label, impl, kind, sdk) {
  if (impl.startsWith('sdk') && !sdk.module) return { label, unavailable: sdk.error };
  try {
    return { label, runner: await isolated(label, impl, kind) };
  } catch (error) {
    return { label, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Starts every worker of a group: one at a time (start-up must not overlap a calibration) unless smoke. */
async function startGroup(group, sdk, parallel) {
  if (parallel)
    return Promise.all(group.candidates.map(([label, impl]) => startOne(label, impl, group.kind, sdk)));
  const started = [];
  for (const [label, impl] of group.candidates) started.push(await startOne(label, impl, group.kind, sdk));
  return started;
}

/** Runs section 1 → { rows, targets }. */
export async function pipelineSuite({ sdk, profile }) {
  const rows = [];
  const targets = [];
  for (const group of GROUPS) {
    const started = await startGroup(group, sdk, profile.pipeline.parallelStart);
    try {
      // Every implementation keeps its place: a floor that did not start fails as the floor (all
      // ratios n/a) instead of letting the next implementation stand in for it.
      const measured = await compare(
        started.map((s) => s.runner ?? notStarted(s)),
        profile.pipeline,
      );
      const byLabel = new Map(measured.map((m) => [m.label, m]));
      for (const s of started) {
        rows.push(rowOf(group.area, s.label, byLabel.get(s.label) ?? { error: s.error }, s.unavailable));
      }
      targets.push(...groupTargets(group, byLabel));
    } finally {
      await Promise.all(started.filter((s) => s.runner).map((s) => s.runner.stop()));
    }
  }
  return { rows, targets };
}
