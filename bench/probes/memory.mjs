// Child process (run with --expose-gc): memory held by the de-duplication store and the token cache
// at each size in process.argv[2] (JSON array), next to a bare Map holding the same keys (the
// floor). Sends `{ results }` to the parent.
//
// Memory is heapUsed + external, after two full GCs: lru-cache (under MemoryCache) preallocates
// typed arrays for `max` entries, whose bytes live outside the V8 heap (`external`, which already
// includes `arrayBuffers`). That preallocation is the store's FIXED cost, paid for an empty cache
// of that `max`; it is measured on its own and kept out of the per-push / per-account figure.
import { makePush, replyChecker } from '../lib/pushes.mjs';
import { createSdkApp, loadDist } from '../lib/sdk.mjs';

const APP_ID = 'wxb11529c136998cb6';

// A flat copy of an ASCII string. A template literal makes a rope (ConsString) that a Map keeps as
// is, parts and all; the SDK stores flat copies (src/server/dedupe.ts `detached`), so the floor must too.
const flat = (s) => Buffer.from(s, 'latin1').toString('latin1');

function settle() {
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

/** A MemoryCache of `max` whose lazily made LRU index is allocated now → { cache, fixed bytes }. */
async function allocatedCache(sdk, max) {
  const before = settle();
  const cache = new sdk.MemoryCache({ max });
  await cache.set('bench:allocate', '1', 1000);
  await cache.delete('bench:allocate');
  return { cache, fixed: settle() - before };
}

/**
 * Serves `size` distinct plaintext pushes with de-duplication on. The server stores 2 keys per push
 * (replay key + message key, src/server/dedupe.ts), so the store gets max 2×size + slack: at the
 * default max (100,000) half of 100k pushes would be evicted and the per-push figure would halve.
 */
async function dedupe(sdk, size) {
  const { cache, fixed } = await allocatedCache(sdk, 2 * size + 1000);
  const { app, seen } = createSdkApp(sdk, { encrypted: false, dedupe: true, cache });
  const serve = (push) => app.server.serve({ method: 'POST', url: push.url, headers: {}, body: push.body });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const pushOf = (i) =>
    makePush('plain-xml', timestamp, String(100_000_000 + i), String(6054768590064713728n + BigInt(i)));
  const check = replyChecker('plain-xml');
  await serve(pushOf(-1)); // warms up the app; its keys are in `before`
  const before = settle();
  for (let i = 0; i < size; i++) {
    const reply = await serve(pushOf(i));
    if (i % 997 === 0) check(reply);
  }
  const after = settle();
  // The first and the last push again must be answered `success` without a handler: the store is
  // on, and nothing was evicted (an evicted first push would be handled again).
  for (const i of [0, size - 1]) {
    const again = await serve(pushOf(i));
    if (again.body !== 'success')
      throw new Error(`repeated push ${i} was answered ${again.body.slice(0, 60)}`);
  }
  if (seen.errors > 0) throw new Error(seen.lastError);
  return { perPush: (after - before) / size, fixed };
}

/** The floor: the same 2 keys per push (replay + message) in a bare Map (key → expiry). */
function dedupeFloor(size) {
  const before = settle();
  const map = new Map();
  const expiry = Date.now() + 305_000;
  for (let i = 0; i < size; i++) {
    map.set(flat(`replay:${APP_ID}:${(0xa000000000 + i).toString(16).padStart(40, '0')}`), expiry);
    map.set(flat(`push:${APP_ID}:id:${6054768590064713728n + BigInt(i)}`), expiry);
  }
  const after = settle();
  if (map.size !== 2 * size) throw new Error('map lost keys');
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
  const app = new sdk.Application({ appId: APP_ID, secret: 'bench-secret', cache: recording });
  await app.accessToken.setToken(token, 7_200_000);
  if (writes.length === 0) throw new Error('setToken wrote nothing to the cache');
  const { cache, fixed } = await allocatedCache(sdk, size * writes.length);
  const before = settle();
  for (let i = 0; i < size; i++) {
    const id = `wx${String(i).padStart(16, '0')}`;
    const unique = `${String(i).padStart(8, '0')}${token.slice(8)}`;
    for (const { key, value } of writes) {
      await cache.set(key.replace(APP_ID, id), value.replace(token, unique), 7_200_000);
    }
  }
  const after = settle();
  // Reading the first entry after the measurement keeps the cache alive and proves no eviction.
  if ((await cache.get(writes[0].key.replace(APP_ID, `wx${'0'.repeat(16)}`))) === undefined) {
    throw new Error('the token cache lost its first entry');
  }
  return { perEntry: (after - before) / size, fixed };
}

function tokenFloor(size) {
  const before = settle();
  const map = new Map();
  for (let i = 0; i < size; i++)
    map.set(
      flat(`wx${String(i).padStart(16, '0')}`),
      flat(`${String(i).padStart(8, '0')}${'T'.repeat(128)}`),
    );
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
      entry.tokens = await tokens(loaded.module, size);
    } else entry.unavailable = loaded.error;
    results.push(entry);
  }
  process.send({ results });
}

main().catch((error) => process.send({ error: error instanceof Error ? error.message : String(error) }));
