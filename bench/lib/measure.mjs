// The measurement core. Candidates of one group are checked, warmed up, calibrated, then sampled
// in interleaved rounds (every round runs one batch of each candidate, in a rotating order), so a
// burst of load from another process hits all of them alike. Each candidate's figure is the median
// µs/op over the rounds; its ratio to the group's first candidate (the floor) is the median of the
// per-round ratios, which cancels most of the drift that shared machines add between rounds.
import { median, spreadPct } from './stats.mjs';

/**
 * @typedef {object} Candidate
 * @property {string} label               row label
 * @property {(i: number) => unknown} run  one operation (may return a promise)
 * @property {(result: unknown) => void} check  throws unless `result` is a correct answer
 *
 * @typedef {object} Measured
 * @property {string} label
 * @property {number} median   µs/op
 * @property {number} spread   ± half the IQR, % of the median
 * @property {number} ratio    median of per-round ratios to the first candidate
 * @property {number} samples  rounds taken
 * @property {string} [error]  set when the candidate failed its check: it was not timed
 */

const isThenable = (value) => value !== null && typeof value === 'object' && typeof value.then === 'function';

async function runBatch(candidate, count) {
  let last;
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    last = candidate.run(i);
    if (isThenable(last)) last = await last;
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1000;
  // The last answer of every batch is checked too: a candidate cannot get fast by going wrong.
  candidate.check(last);
  return elapsed / count;
}

/** Runs for `warmupMs` (JIT, caches) and returns the batch size that takes about `batchMs`. */
async function calibrate(candidate, warmupMs, batchMs) {
  let count = 1;
  let done = 0;
  const start = performance.now();
  while (performance.now() - start < warmupMs) {
    await runBatch(candidate, count);
    done += count;
    count = Math.min(count * 2, 4096);
  }
  const perOpMs = (performance.now() - start) / done;
  return Math.max(1, Math.round(batchMs / perOpMs));
}

/**
 * Measures a group whose first candidate is the floor.
 * @param {Candidate[]} candidates
 * @param {{ rounds: number, batchMs: number, warmupMs: number }} options
 * @returns {Promise<Measured[]>}
 */
export async function compare(candidates, { rounds, batchMs, warmupMs }) {
  const live = [];
  const failed = new Map();
  for (const candidate of candidates) {
    try {
      let first = candidate.run(0);
      if (isThenable(first)) first = await first;
      candidate.check(first);
      live.push({ candidate, batch: await calibrate(candidate, warmupMs, batchMs), samples: [] });
    } catch (error) {
      failed.set(candidate, error instanceof Error ? error.message : String(error));
    }
  }
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < live.length; k++) {
      const entry = live[(round + k) % live.length];
      entry.samples.push(await runBatch(entry.candidate, entry.batch));
    }
  }
  const floor = live[0]?.candidate === candidates[0] ? live[0] : undefined;
  return candidates.map((candidate) => {
    const entry = live.find((e) => e.candidate === candidate);
    if (!entry) return { label: candidate.label, error: failed.get(candidate), median: Number.NaN };
    const ratios = floor ? entry.samples.map((s, r) => s / floor.samples[r]) : [];
    return {
      label: candidate.label,
      median: median(entry.samples),
      spread: spreadPct(entry.samples),
      ratio: floor ? median(ratios) : Number.NaN,
      samples: entry.samples.length,
    };
  });
}
