// The measurement core. Candidates of one group are checked, warmed up, calibrated, then sampled
// in interleaved rounds (every round runs one batch of each candidate, in a rotating order), so a
// burst of load from another process hits all of them alike. Each candidate's figure is the median
// µs/op over the rounds; its ratio to the group's first candidate (the floor) is the median of the
// per-round ratios, which cancels most of the drift that shared machines add between rounds.
//
// A candidate runs either in this process or, through lib/isolated.mjs, in a process of its own
// (same protocol), so that one implementation's garbage never lands on another's timings.
import { median, spreadPct } from './stats.mjs';

/**
 * @typedef {object} Candidate   one implementation, in process
 * @property {(i: number) => unknown} run  one operation (may return a promise)
 * @property {(result: unknown) => void} check  throws unless `result` is a correct answer
 *
 * @typedef {object} Runner      what compare() drives, here or in a worker process
 * @property {string} label
 * @property {(warmupMs: number, batchMs: number) => Promise<number>} calibrate  → batch size
 * @property {(size: number) => Promise<number>} batch  → µs/op
 *
 * @typedef {object} Measured
 * @property {string} label
 * @property {number} median   µs/op
 * @property {number} spread   ± half the IQR, % of the median
 * @property {number} ratio    median of per-round ratios to the first candidate (NaN without a floor)
 * @property {number[]} ratios the per-round ratios (for verdicts that look at their spread)
 * @property {string} [error]  set when the candidate failed its check
 */

const isThenable = (value) => value !== null && typeof value === 'object' && typeof value.then === 'function';

/**
 * Runs `count` operations → µs per op of CPU time (process.cpuUsage, user + system): time the
 * process actually ran, so other processes' load on a shared machine does not inflate it the way it
 * inflates wall time (±3–5 % instead of ±30 % at load 7 on 2 cores). BENCH_CLOCK=wall measures wall
 * time instead. The last answer is checked: a candidate cannot get fast by going wrong.
 */
export async function runBatch(candidate, count) {
  const { cpu, wall } = await timeBatch(candidate, count);
  return process.env.BENCH_CLOCK === 'wall' ? wall : cpu;
}

/** Runs a batch → { cpu, wall } µs/op. `prepare(count)` (fresh pushes, say) runs before the clock starts. */
async function timeBatch(candidate, count) {
  await candidate.prepare?.(count);
  let last;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    last = candidate.run(i);
    if (isThenable(last)) last = await last;
  }
  const elapsed = Number(process.hrtime.bigint() - start) / 1000;
  const used = process.cpuUsage(cpu);
  candidate.check(last);
  return { cpu: (used.user + used.system) / count, wall: elapsed / count };
}

/** Runs for `warmupMs` (JIT, caches) and returns the batch size that takes about `batchMs`. */
export async function calibrate(candidate, warmupMs, batchMs) {
  let count = 1;
  let done = 0;
  let timedUs = 0; // only the timed part: a candidate's untimed prepare() must not shrink its batches
  const start = performance.now();
  while (performance.now() - start < warmupMs) {
    timedUs += (await timeBatch(candidate, count)).wall * count;
    done += count;
    count = Math.min(count * 2, 4096);
  }
  const perOpMs = timedUs / 1000 / done;
  return Math.max(1, Math.round(batchMs / perOpMs));
}

/** A {@link Runner} for a candidate in this process. */
export function inProcess(label, candidate) {
  return {
    label,
    calibrate: (warmupMs, batchMs) => calibrate(candidate, warmupMs, batchMs),
    batch: (size) => runBatch(candidate, size),
  };
}

const message = (error) => (error instanceof Error ? error.message : String(error));

/**
 * Measures a group whose first runner is the floor. A floor that fails (to calibrate, or in a
 * batch) leaves every ratio NaN: nothing is compared with a stand-in floor.
 * @param {Runner[]} runners
 * @param {{ rounds: number, batchMs: number, warmupMs: number }} options
 * @returns {Promise<Measured[]>}
 */
export async function compare(runners, { rounds, batchMs, warmupMs }) {
  const live = [];
  const failed = new Map();
  for (const runner of runners) {
    try {
      live.push({ runner, size: await runner.calibrate(warmupMs, batchMs), samples: [] });
    } catch (error) {
      failed.set(runner, message(error));
    }
  }
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < live.length; k++) {
      const entry = live[(round + k) % live.length];
      if (entry.error) continue;
      try {
        entry.samples.push(await entry.runner.batch(entry.size));
      } catch (error) {
        entry.error = message(error);
      }
    }
  }
  const floor = live[0]?.runner === runners[0] && !live[0].error ? live[0] : undefined;
  return runners.map((runner) => {
    const entry = live.find((e) => e.runner === runner);
    if (!entry || entry.error)
      return { label: runner.label, error: entry?.error ?? failed.get(runner), median: Number.NaN };
    const ratios = floor ? entry.samples.map((s, r) => s / floor.samples[r]) : [];
    return {
      label: runner.label,
      median: median(entry.samples),
      spread: spreadPct(entry.samples),
      ratio: floor ? median(ratios) : Number.NaN,
      ratios,
    };
  });
}
