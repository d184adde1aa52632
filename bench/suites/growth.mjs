// Section 4a: the cost of growth in memory — the de-duplication store after N distinct pushes and a
// shared token cache holding N accounts' tokens, each next to a bare Map with the same keys (the
// floor). Measured in a child process with --expose-gc (probes/memory.mjs): heap + external after
// full GCs. A MemoryCache's preallocated index (its fixed cost for `max`) is a row of its own, so
// the per-entry figure is what each further push or account adds.
import { startChild, stopChild } from '../lib/child.mjs';
import { bytes, times } from '../lib/stats.mjs';

const PROBE = new URL('../probes/memory.mjs', import.meta.url);

function rowsOf(area, size, unit, sdk, floorPerEntry, labels, unavailable) {
  const n = size.toLocaleString('en-US');
  const perEntry = (value) => `${bytes(value)}/${unit} · ${bytes(value * size)} for ${n}`;
  const floor = { area, subject: `floor: ${labels.floor}`, figure: perEntry(floorPerEntry), ratio: '1.00×' };
  if (unavailable) return [floor, { area, subject: labels.sdk, figure: `n/a: ${unavailable}` }];
  return [
    floor,
    {
      area,
      subject: labels.sdk,
      figure: perEntry(sdk.perEntry),
      ratio: times(sdk.perEntry / floorPerEntry),
    },
    { area, subject: labels.fixed, figure: `${bytes(sdk.fixed)} once (preallocated index)` },
  ];
}

/** Runs section 4a → { rows, targets } (no target: growth is reported, not judged). */
export async function growthSuite({ profile }) {
  const { child, message } = await startChild(PROBE, [JSON.stringify(profile.growth.sizes)], ['--expose-gc']);
  await stopChild(child);
  const rows = [];
  for (const r of message.results) {
    const n = r.size.toLocaleString('en-US');
    const max = (2 * r.size + 1000).toLocaleString('en-US');
    rows.push(
      ...rowsOf(
        `Memory · de-dup store, ${n} pushes`,
        r.size,
        'push',
        r.dedupe && { perEntry: r.dedupe.perPush, fixed: r.dedupe.fixed },
        r.dedupeFloor,
        {
          floor: 'Map, the same 2 keys per push',
          sdk: 'serve() with dedupe on: 2 keys per push (replay + message)',
          fixed: `fixed: empty MemoryCache({ max: ${max} })`,
        },
        r.unavailable,
      ),
      ...rowsOf(
        `Memory · token cache, ${n} accounts`,
        r.size,
        'account',
        r.tokens,
        r.tokenFloor,
        {
          floor: 'Map, one token per account',
          sdk: 'shared MemoryCache, as setToken writes',
          fixed: `fixed: empty MemoryCache({ max: ${n} })`,
        },
        r.unavailable,
      ),
    );
  }
  return { rows, targets: [] };
}
