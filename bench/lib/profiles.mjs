// How long each section samples. `full` fits `npm run bench` in under 5 minutes on 2 cores;
// `smoke` only proves every part still runs and answers correctly (CI: ~10 s on a quiet 2-core machine, ~20 s under load).
export const PROFILES = {
  full: {
    name: 'full',
    pipeline: { rounds: 25, batchMs: 40, warmupMs: 500 },
    // HTTP: many short pairs (floor + server back to back) rather than a few long runs.
    // (autocannon rounds a duration up to whole seconds.)
    http: {
      rounds: 6,
      seconds: 1,
      warmupSeconds: 1,
      connections: 32,
      inFlight: 1000,
      inFlightSeconds: 2,
      inFlightPairs: 3,
    },
    client: { rounds: 16, batchMs: 300, warmupSends: 200, concurrency: 16, coldSends: 200 },
    growth: { sizes: [10_000, 100_000] },
    imports: { samples: 7 },
  },
  smoke: {
    name: 'smoke',
    pipeline: { rounds: 2, batchMs: 3, warmupMs: 20, parallelStart: true },
    http: { rounds: 1, parallel: true, amount: 64, warmupSeconds: 0, connections: 4, inFlight: 50 },
    client: { rounds: 1, batchMs: 20, warmupSends: 10, concurrency: 4, coldSends: 200 },
    growth: { sizes: [1_000] },
    imports: { samples: 1 },
  },
};
