#!/usr/bin/env node
// Profiling aid for a target that does not hold (issue 5): runs one implementation of the push
// pipeline in a loop, under `--cpu-prof`, then prints the functions with the most self time.
//
//   node --cpu-prof --cpu-prof-dir=.tmp/prof bench/profile.mjs sdk safe-xml 5
//   node bench/profile.mjs --top .tmp/prof/<file>.cpuprofile
//
// Implementations: floor, sdk, sdk-fresh, sdk-defaults, webot, easywechat, wechat-crypto, wecom-crypto.
// Kinds: safe-xml, safe-json, plain-xml.
import { readFileSync } from 'node:fs';
import { candidateOf, createPipeline } from './lib/candidates.mjs';
import { runBatch } from './lib/measure.mjs';
import { loadDist } from './lib/sdk.mjs';

/** Self time per function (µs per op when `ops` is given), top `count`. */
function top(file, count = 25) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const intervals = profile.timeDeltas;
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|dist|src|bench)\//, '$1/')}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (intervals[i] ?? 0));
    total += intervals[i] ?? 0;
  });
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
  for (const [key, us] of rows) console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
}

async function loop(impl, kind, seconds) {
  let sdk;
  if (impl.startsWith('sdk')) {
    const loaded = await loadDist('index.js');
    if (!loaded.module) throw new Error(loaded.error);
    sdk = loaded.module;
  }
  const candidate = candidateOf(createPipeline(impl, kind, sdk), kind);
  const end = performance.now() + seconds * 1000;
  let ops = 0;
  while (performance.now() < end) {
    await runBatch(candidate, 1000);
    ops += 1000;
  }
  console.log(`${impl} ${kind}: ${ops} ops, ${((seconds * 1e6) / ops).toFixed(1)} µs/op`);
}

const [first, second, third] = process.argv.slice(2);
if (first === '--top') top(second, Number(third ?? 25));
else await loop(first ?? 'sdk', second ?? 'safe-xml', Number(third ?? 5));
