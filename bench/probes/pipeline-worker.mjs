// One push-pipeline implementation in its own process (`node pipeline-worker.mjs <impl> <kind>`),
// so that its garbage and heap state never land on another implementation's timings. The parent
// drives it over IPC: `calibrate` → batch size, `batch` → µs/op (last reply checked).
import { candidateOf, createPipeline } from '../lib/candidates.mjs';
import { calibrate, runBatch } from '../lib/measure.mjs';
import { loadDist } from '../lib/sdk.mjs';

const [impl, kind] = process.argv.slice(2);
process.on('disconnect', () => process.exit(0));

async function main() {
  let sdk;
  if (impl.startsWith('sdk')) {
    const loaded = await loadDist('index.js');
    if (!loaded.module) throw new Error(loaded.error);
    sdk = loaded.module;
  }
  const candidate = candidateOf(createPipeline(impl, kind, sdk), kind);
  await runBatch(candidate, 1);
  process.on('message', async ({ id, cmd, ...options }) => {
    try {
      const value =
        cmd === 'calibrate'
          ? await calibrate(candidate, options.warmupMs, options.batchMs)
          : await runBatch(candidate, options.size);
      process.send({ id, value });
    } catch (error) {
      process.send({ id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  process.send({ ready: true });
}

main().catch((error) => process.send({ error: error instanceof Error ? error.message : String(error) }));
