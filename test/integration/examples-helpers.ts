import type { RunningExample } from '../../examples/config.js';
import { DEMO_ACCOUNT } from '../../examples/config.js';
import { silentLogger } from '../../src/logger.js';
import type { ApplicationOptions } from '../../src/options.js';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';

/** The simulator with the examples' demo account (the examples' defaults). */
export function startDemoSimulator(): Promise<Simulator> {
  return startSimulator({ apps: [{ ...DEMO_ACCOUNT }], logger: silentLogger });
}

/** The options every example's `start()` takes, pointed at the simulator, on a free port. */
export function exampleOptions(sim: Simulator, app: Partial<ApplicationOptions<'miniprogram'>> = {}) {
  return { app: { ...DEMO_ACCOUNT, baseUrl: sim.url, ...app }, port: 0, path: '/wechat' };
}

/** Starts an example and points the simulator's pushes at it. */
export async function wire(
  sim: Simulator,
  start: () => Promise<RunningExample>,
  webhook: { format?: 'xml' | 'json'; mode?: 'plain' | 'compatible' | 'safe' } = {},
): Promise<RunningExample> {
  const running = await start();
  sim.setWebhook(DEMO_ACCOUNT.appId, running.url, webhook);
  return running;
}
