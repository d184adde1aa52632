// A measurement Runner (lib/measure.mjs) whose candidate lives in its own process
// (probes/pipeline-worker.mjs): its heap, garbage and JIT state are its own.
import { ask, startChild, stopChild } from './child.mjs';

const WORKER = new URL('../probes/pipeline-worker.mjs', import.meta.url);

/**
 * Starts the worker for implementation `impl` on pushes of `kind`; resolves with a Runner plus
 * `stop()`. Rejects when the implementation cannot start or its first reply fails its check.
 */
export async function isolated(label, impl, kind) {
  const { child } = await startChild(WORKER, [impl, kind]);
  return {
    label,
    calibrate: (warmupMs, batchMs) => ask(child, { cmd: 'calibrate', warmupMs, batchMs }),
    batch: (size) => ask(child, { cmd: 'batch', size }),
    stop: () => stopChild(child),
  };
}
