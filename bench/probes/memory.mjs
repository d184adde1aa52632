// Child process (run with --expose-gc): heap held by the de-duplication store and the token cache
// at each size in process.argv[2] (JSON array), next to a bare Map holding the same keys (the
// floor). Sends `{ results }` to the parent. Heap figures are taken after a full GC.
import { makePush, replyChecker } from '../lib/pushes.mjs';
import { createSdkApp, loadDist } from '../lib/sdk.mjs';

const settle = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
};

/** Serves `size` distinct plaintext pushes with de-duplication on; heap growth per push. */
async function dedupe(sdk, size) {
  const { app, seen } = createSdkApp(sdk, { encrypted: false, dedupe: true });
  const serve = (push) => app.server.serve({ method: 'POST', url: push.url, headers: {}, body: push.body });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const pushOf = (i) =>
    makePush('plain-xml', timestamp, String(100_000_000 + i), String(6054768590064713728n + BigInt(i)));
  const check = replyChecker('plain-xml');
  await serve(pushOf(-1));
  const before = settle();
  for (let i = 0; i < size; i++) {
    const reply = await serve(pushOf(i));
    if (i % 997 === 0) check(reply);
  }
  const after = settle();
  // The last push again must be answered `success` without a handler: the store is really on.
  const again = await serve(pushOf(size - 1));
  if (again.body !== 'success') throw new Error(`a repeated push was answered ${again.body.slice(0, 60)}`);
  if (seen.errors > 0) throw new Error(seen.lastError);
  return (after - before) / size;
}

/** The same number of keys in a bare Map (key → expiry), as a floor. */
function dedupeFloor(size) {
  const before = settle();
  const map = new Map();
  for (let i = 0; i < size; i++)
    map.set(`wxb11529c136998cb6:${6054768590064713728n + BigInt(i)}`, Date.now() + 305_000);
  const after = settle();
  if (map.size !== size) throw new Error('map lost keys');
  return (after - before) / size;
}

/** A shared MemoryCache holding `size` accounts' tokens, written as setToken writes them. */
async function tokens(sdk, size) {
  const writes = [];
  const recorder = new sdk.MemoryCache();
  const recording = Object.create(recorder);
  recording.set = (key, value, ttl) => {
    writes.push({ key, value });
    return recorder.set(key, value, ttl);
  };
  const token = 'T'.repeat(136);
  const app = new sdk.Application({ appId: 'wxb11529c136998cb6', secret: 'bench-secret', cache: recording });
  await app.accessToken.setToken(token, 7_200_000);
  if (writes.length === 0) throw new Error('setToken wrote nothing to the cache');
  const cache = new sdk.MemoryCache({ max: size });
  const before = settle();
  for (let i = 0; i < size; i++) {
    const id = `wx${String(i).padStart(16, '0')}`;
    const unique = `${String(i).padStart(8, '0')}${token.slice(8)}`;
    for (const { key, value } of writes) {
      await cache.set(key.replace('wxb11529c136998cb6', id), value.replace(token, unique), 7_200_000);
    }
  }
  const after = settle();
  // Reading the cache after the measurement keeps it alive through it.
  if ((await cache.get(writes[0].key.replace('wxb11529c136998cb6', `wx${'0'.repeat(16)}`))) === undefined) {
    throw new Error('the token cache lost its first entry');
  }
  return { perEntry: (after - before) / size, shape: writes.map((w) => w.key).join(', ') };
}

function tokenFloor(size) {
  const before = settle();
  const map = new Map();
  for (let i = 0; i < size; i++)
    map.set(`wx${String(i).padStart(16, '0')}`, `${String(i).padStart(8, '0')}${'T'.repeat(128)}`);
  const after = settle();
  if (map.size !== size) throw new Error('map lost keys');
  return (after - before) / size;
}

async function main() {
  const loaded = await loadDist('index.js');
  const sizes = JSON.parse(process.argv[2]);
  const results = [];
  for (const size of sizes) {
    const entry = { size, dedupeFloor: dedupeFloor(size), tokenFloor: tokenFloor(size) };
    if (loaded.module) {
      entry.dedupe = await dedupe(loaded.module, size);
      const t = await tokens(loaded.module, size);
      entry.tokens = t.perEntry;
      entry.tokenShape = t.shape;
    } else entry.unavailable = loaded.error;
    results.push(entry);
  }
  process.send({ results });
}

main().catch((error) => process.send({ error: error instanceof Error ? error.message : String(error) }));
