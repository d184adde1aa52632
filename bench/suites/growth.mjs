// Section 4a: the cost of growth in memory — the de-duplication store after N distinct pushes and a
// shared token cache holding N accounts' tokens, each next to a bare Map with as many keys (the
// floor). Measured in a child process with --expose-gc, heap after full GCs.
import { startChild, stopChild } from '../lib/child.mjs';
import { bytes, times } from '../lib/stats.mjs';

const PROBE = new URL('../probes/memory.mjs', import.meta.url);

function pair(area, size, sdkPerEntry, floorPerEntry, sdkLabel, floorLabel, unavailable) {
  const n = size.toLocaleString('en-US');
  const floor = {
    area,
    subject: `floor: ${floorLabel}, ${n}`,
    figure: `${bytes(floorPerEntry)}/entry · ${bytes(floorPerEntry * size)}`,
    ratio: '1.00×',
  };
  if (unavailable) return [floor, { area, subject: `${sdkLabel}, ${n}`, figure: `n/a: ${unavailable}` }];
  return [
    floor,
    {
      area,
      subject: `${sdkLabel}, ${n}`,
      figure: `${bytes(sdkPerEntry)}/entry · ${bytes(sdkPerEntry * size)}`,
      ratio: times(sdkPerEntry / floorPerEntry),
    },
  ];
}

/** Runs section 4a → { rows, targets } (no target: growth is reported, not judged). */
export async function growthSuite({ profile }) {
  const { child, message } = await startChild(PROBE, [JSON.stringify(profile.growth.sizes)], ['--expose-gc']);
  await stopChild(child);
  const rows = [];
  for (const r of message.results) {
    rows.push(
      ...pair(
        'Memory · de-dup store',
        r.size,
        r.dedupe,
        r.dedupeFloor,
        'serve() with dedupe on, pushes',
        'Map, keys',
        r.unavailable,
      ),
      ...pair(
        'Memory · token cache',
        r.size,
        r.tokens,
        r.tokenFloor,
        'shared MemoryCache, accounts',
        'Map, tokens',
        r.unavailable,
      ),
    );
  }
  return { rows, targets: [] };
}
