#!/usr/bin/env node
// Profiling aid for the client target: sends text messages in a loop (16 in flight, or CONC) to
// the fake WeChat API in a child process, under `--cpu-prof`, so the profile holds only the
// sender's work.
//
//   node --cpu-prof --cpu-prof-dir=.tmp/prof bench/profile-client.mjs sdk 5     # sdk | floor
//   node bench/profile.mjs --top .tmp/prof/<file>.cpuprofile
import { startChild, stopChild } from './lib/child.mjs';
import { ACCOUNT } from './lib/pushes.mjs';
import { loadDist } from './lib/sdk.mjs';
import { userOf } from './lib/users.mjs';
import { sdkSender, undiciFloor } from './suites/client.mjs';

const [impl = 'sdk', seconds = '5'] = process.argv.slice(2);
const apps = [{ appId: ACCOUNT.appId, secret: ACCOUNT.secret }];
const { child, message } = await startChild(new URL('./servers/fake-api.mjs', import.meta.url), [
  JSON.stringify(apps),
]);
let send;
if (impl === 'floor') send = (await undiciFloor(message.url)).send;
else {
  const sdk = await loadDist('index.js');
  if (!sdk.module) throw new Error(sdk.error);
  send = sdkSender(sdk.module, ACCOUNT.appId, message.url);
}
const end = performance.now() + Number(seconds) * 1000;
let sends = 0;
const cpu = process.cpuUsage();
const worker = async () => {
  while (performance.now() < end) {
    const result = await send(userOf(sends++), '您好，您的订单已发货，预计明天送达。');
    if (result?.errcode !== 0) throw new Error(`send answered ${JSON.stringify(result)}`);
  }
};
await Promise.all(Array.from({ length: Number(process.env.CONC ?? 16) }, worker));
const used = process.cpuUsage(cpu);
console.log(`${impl}: ${sends} sends, ${((used.user + used.system) / sends).toFixed(1)} µs CPU/send`);
await stopChild(child);
process.exit(0);
