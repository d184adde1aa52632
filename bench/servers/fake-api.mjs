// The simulator's fake WeChat API (dist/simulator) in a child process, so its CPU is not counted
// as the client's. Users o-bench-0…63 of every app have talked to it, and every delivered message
// renews its user's quota (SPEC §4.3 allows 5 per user message), so any number of sends succeed.
// IPC: `{ id, cmd: 'tokenRequests', appId }` → `{ id, value }`. Exits when the parent disconnects.
import { loadDist } from '../lib/sdk.mjs';
import { USERS, userOf } from '../lib/users.mjs';

async function main() {
  const simulator = await loadDist('simulator/index.js');
  if (!simulator.module) throw new Error(simulator.error);
  const apps = JSON.parse(process.argv[2]);
  const api = await simulator.module.startFakeApi({ apps, maxRecords: 1_000 });
  const { world } = api;
  for (const { appId } of apps) for (let i = 0; i < USERS; i++) world.userSent(appId, userOf(i));
  world.onMessage((message) => world.userSent(message.appId, message.touser));
  process.on('message', (message) => {
    if (message?.cmd === 'tokenRequests')
      process.send({ id: message.id, value: world.tokenRequests(message.appId) });
    else process.send({ id: message?.id, error: `unknown command ${message?.cmd}` });
  });
  process.on('disconnect', () => api.close().finally(() => process.exit(0)));
  process.send({ url: api.url });
}

main().catch((error) => process.send({ error: error instanceof Error ? error.message : String(error) }));
