#!/usr/bin/env node
// Profiling aid for a target that does not hold (issue 5): runs one implementation of the push
// pipeline in a loop, under `--cpu-prof`, then prints the functions with the most self time.
//
//   node --cpu-prof --cpu-prof-dir=.tmp/prof bench/profile.mjs sdk safe-xml 5
//   node bench/profile.mjs --top .tmp/prof/<file>.cpuprofile
//
// Implementations: sdk, floor, webot, easywechat. Kinds: safe-xml, safe-json, plain-xml.
import { readFileSync } from 'node:fs';
import { createFloor } from './floor/push-floor.mjs';
import { ACCOUNT, makePushes, replyChecker } from './lib/pushes.mjs';
import { createSdkApp, loadDist, sdkServe } from './lib/sdk.mjs';
import { createEasyWeChat } from './peers/easywechat.mjs';
import { createWebot } from './peers/webot.mjs';

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
  const encrypted = kind !== 'plain-xml';
  const floor = createFloor(ACCOUNT);
  const floors = { 'safe-xml': floor.safeXml, 'safe-json': floor.safeJson, 'plain-xml': floor.plainXml };
  let fn;
  if (impl === 'sdk') {
    const sdk = await loadDist('index.js');
    if (!sdk.module) throw new Error(sdk.error);
    fn = sdkServe(createSdkApp(sdk.module, { encrypted }).app);
  } else if (impl === 'floor') fn = floors[kind];
  else if (impl === 'webot') fn = createWebot(ACCOUNT);
  else if (impl === 'easywechat') fn = createEasyWeChat(ACCOUNT, { encrypted });
  else throw new Error(`unknown implementation ${impl}`);
  const pushes = makePushes(kind, 64);
  const check = replyChecker(kind);
  const end = performance.now() + seconds * 1000;
  let ops = 0;
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i++) {
      const push = pushes[i & 63];
      await fn(push.url, push.body);
    }
    ops += 1000;
  }
  const push = pushes[0];
  check(await fn(push.url, push.body));
  console.log(`${impl} ${kind}: ${ops} ops, ${((seconds * 1e6) / ops).toFixed(1)} µs/op`);
}

const [first, second, third] = process.argv.slice(2);
if (first === '--top') top(second, Number(third ?? 25));
else await loop(first ?? 'sdk', second ?? 'safe-xml', Number(third ?? 5));
