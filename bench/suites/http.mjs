// Section 2: safe-mode XML pushes over HTTP. Each server runs in its own child process; autocannon
// drives it from this process for a bounded time, and every reply is decrypted and checked after
// the run (a wrong reply counts as an error). Besides req/s and latency, the server's own CPU time
// per request is read from the child: on 2 cores the load generator competes with the server, and
// CPU/request does not depend on who was the bottleneck. Servers are measured in interleaved
// rounds; ratios to the bare node:http floor are medians of per-round ratios. Then the SDK's node
// adapter and the floor each hold 1,000 pushes in flight (1,000 connections) for the latency tail.
import { createRequire } from 'node:module';
import { ask, startChild, stopChild } from '../lib/child.mjs';
import { makePushes, replyChecker } from '../lib/pushes.mjs';
import { median, num, times } from '../lib/stats.mjs';
import { targetRow } from '../lib/table.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');
const SERVER = new URL('../servers/push-server.mjs', import.meta.url);

const SERVERS = [
  ['floor', 'floor: bare node:http + floor pipeline'],
  ['sdk-node', 'toNodeHandler() on node:http'],
  ['sdk-bare', 'serve() on bare node:http, no adapter (reference)'],
  ['sdk-express', 'toNodeHandler() on Express 5'],
  ['sdk-koa', 'toKoaMiddleware() on Koa 3'],
  ['sdk-fastify', 'toFastifyHandler() on Fastify 5'],
  ['sdk-hono', 'toFetchHandler() on Hono (@hono/node-server)'],
  ['webot-express', 'peer: node-webot `wechat` on Express 5'],
];

/**
 * One autocannon run against `server`; every reply body is kept and checked after the run (checking
 * during the run would spend the load generator's CPU, which shares the machine with the server).
 */
async function load(server, { seconds, connections, amount, timeout = 10 }) {
  const pushes = makePushes('safe-xml', 64);
  const check = replyChecker('safe-xml');
  const bodies = [];
  const cpuBefore = await ask(server.child, { cmd: 'cpu' });
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections,
    timeout,
    // Smoke runs stop after `amount` requests: autocannon's duration has a 1 s granularity.
    ...(amount ? { amount } : { duration: seconds }),
    requests: pushes.map((p) => ({
      method: 'POST',
      path: p.url,
      body: p.body,
      headers: { 'content-type': 'text/xml' },
    })),
    verifyBody: (body) => bodies.push(body) > 0,
  });
  const cpu = (await ask(server.child, { cmd: 'cpu' })) - cpuBefore;
  let wrong = 0;
  let firstWrong;
  for (const body of bodies) {
    try {
      check({ status: 200, body });
    } catch (error) {
      wrong++;
      firstWrong ??= error.message;
    }
  }
  const errors = result.errors + result.timeouts + result.non2xx + wrong;
  const wrongAnswers = result.non2xx + wrong;
  const detail = `${result.non2xx} non-2xx, ${wrong} wrong (${firstWrong}), ${result.errors} errors, ${result.timeouts} timeouts`;
  return {
    rps: result.requests.total / Math.max(result.duration, 0.001),
    cpuPerRequest: cpu / Math.max(result.requests.total, 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors,
    wrongAnswers,
    detail: errors > 0 ? detail : '',
  };
}

function startAll() {
  return Promise.all(
    SERVERS.map(async ([kind, label]) => {
      try {
        const { child, message } = await startChild(SERVER, [kind]);
        return { kind, label, child, port: message.port, runs: [] };
      } catch (error) {
        return { kind, label, unavailable: error.message, runs: [] };
      }
    }),
  );
}

function figureOf(runs) {
  const errors = runs.reduce((sum, r) => sum + r.errors, 0);
  const rps = median(runs.map((r) => r.rps));
  return {
    rps,
    errors,
    text: `${num(rps)} req/s · server ${num(median(runs.map((r) => r.cpuPerRequest)))} µs CPU/req · p50 ${median(runs.map((r) => r.p50))} ms · p99 ${median(runs.map((r) => r.p99))} ms · ${errors} errors`,
  };
}

async function measureRounds(live, profile) {
  for (const server of live) {
    if (profile.warmupSeconds > 0) await load(server, { ...profile, seconds: profile.warmupSeconds });
  }
  for (let round = 0; round < profile.rounds; round++) {
    if (profile.parallel) {
      // Smoke runs: every server at once (autocannon takes at least a second per run).
      const runs = await Promise.all(live.map((server) => load(server, profile)));
      for (const [i, server] of live.entries()) server.runs.push(runs[i]);
      continue;
    }
    for (let k = 0; k < live.length; k++) {
      const server = live[(round + k) % live.length];
      server.runs.push(await load(server, profile));
    }
  }
}

function rowsOf(servers) {
  const floor = servers.find((s) => s.kind === 'floor');
  return servers.map((server) => {
    const area = 'HTTP · safe XML push';
    if (server.unavailable) return { area, subject: server.label, figure: `n/a: ${server.unavailable}` };
    const figure = figureOf(server.runs);
    server.ratio = median(server.runs.map((r, i) => r.rps / floor.runs[i].rps));
    const cpuRatio = median(server.runs.map((r, i) => r.cpuPerRequest / floor.runs[i].cpuPerRequest));
    server.figure = figure;
    const failed = figure.errors > 0;
    return {
      area,
      subject: server.label,
      figure: failed ? `${figure.text} — ${server.runs.find((r) => r.errors).detail}` : figure.text,
      ratio: `${times(server.ratio)} req/s · ${times(cpuRatio)} CPU`,
      failed,
    };
  });
}

async function inFlight(servers, profile) {
  const rows = [];
  // A 30 s request timeout: with 1,000 connections on 2 cores a few sockets wait for seconds
  // (floor and SDK alike); the max shows it, and only wrong answers fail the row.
  const options = {
    seconds: profile.inFlightSeconds,
    connections: profile.inFlight,
    amount: profile.amount && profile.inFlight * 2,
    timeout: 30,
  };
  const floor = servers.find((s) => s.kind === 'floor');
  const node = servers.find((s) => s.kind === 'sdk-node');
  const [floorRun, nodeRun] = profile.parallel
    ? await Promise.all([load(floor, options), node.unavailable ? undefined : load(node, options)])
    : [await load(floor, options)];
  for (const server of [floor, node]) {
    const area = `HTTP · ${profile.inFlight.toLocaleString('en-US')} pushes in flight`;
    if (server.unavailable) {
      rows.push({ area, subject: server.label, figure: `n/a: ${server.unavailable}` });
      continue;
    }
    const run = server === floor ? floorRun : (nodeRun ?? (await load(server, options)));
    rows.push({
      area,
      subject: server.label,
      figure: `p50 ${run.p50} ms · p99 ${run.p99} ms · max ${run.max} ms · ${num(run.rps)} req/s · ${run.errors} errors`,
      ratio: `${times(run.p99 / Math.max(floorRun.p99, 1))} p99`,
      failed: run.wrongAnswers > 0,
      ...(run.errors > 0 ? { figure: `p99 ${run.p99} ms · ${run.errors} errors: ${run.detail}` } : {}),
    });
  }
  return rows;
}

/** Runs section 2 → { rows, targets }. */
export async function httpSuite({ profile }) {
  const servers = await startAll();
  try {
    const live = servers.filter((s) => !s.unavailable);
    if (!live.some((s) => s.kind === 'floor')) throw new Error('the floor server did not start');
    await measureRounds(live, profile.http);
    const rows = rowsOf(servers);
    rows.push(...(await inFlight(servers, profile.http)));
    const node = servers.find((s) => s.kind === 'sdk-node');
    const ok = node && !node.unavailable;
    const targets = [
      targetRow(
        'HTTP: node adapter req/s vs bare node:http floor, 0 errors',
        ok ? `${(node.ratio * 100).toFixed(0)}% · ${node.figure.errors} errors` : 'n/a',
        '≥ 85%, 0 errors',
        ok ? node.ratio >= 0.85 && node.figure.errors === 0 : undefined,
      ),
    ];
    return { rows, targets };
  } finally {
    await Promise.all(servers.filter((s) => s.child).map((s) => stopChild(s.child)));
  }
}
