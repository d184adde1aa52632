// Section 2: safe-mode XML pushes over HTTP. Each server runs in its own child process; autocannon
// drives it from this process for a bounded time, and every reply is decrypted and checked after
// the run (a wrong reply counts as an error). Besides req/s and latency, the server's own CPU time
// per request is read from the child: on 2 cores the load generator competes with the server, and
// CPU/request does not depend on who was the bottleneck. Each server runs back to back with the
// floor (a pair), the order alternating; its ratios to the bare node:http floor are medians of the
// per-pair ratios. Then the SDK's node adapter and the floor take turns holding 1,000 pushes in
// flight (1,000 connections) for the latency tail.
import { createRequire } from 'node:module';
import { ask, startChild, stopChild } from '../lib/child.mjs';
import { makePushes, replyChecker } from '../lib/pushes.mjs';
import { judge, median, num, ratioWithInterval, spreadPct, times } from '../lib/stats.mjs';
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
        return { kind, label, child, port: message.port, runs: [], pairs: [] };
      } catch (error) {
        return { kind, label, unavailable: error.message, runs: [], pairs: [] };
      }
    }),
  );
}

/**
 * Runs every server against the floor in pairs, back to back: the floor's run next to each
 * server's is what that server's ratios are taken from, so load from other processes that comes
 * and goes between runs mostly cancels. The order inside a pair alternates from pair to pair and
 * round to round (neither always gets the warmer or the quieter slot). `pairs` on each server:
 * `{ floor, own }` runs.
 */
async function measurePairs(floor, others, profile) {
  for (const server of [floor, ...others]) {
    if (profile.warmupSeconds > 0) await load(server, { ...profile, seconds: profile.warmupSeconds });
  }
  for (let round = 0; round < profile.rounds; round++) {
    if (profile.parallel) {
      // Smoke runs: every server at once (autocannon takes at least a second per run).
      const [floorRun, ...runs] = await Promise.all(
        [floor, ...others].map((server) => load(server, profile)),
      );
      for (const [i, server] of others.entries()) server.pairs.push({ floor: floorRun, own: runs[i] });
      floor.runs.push(floorRun);
      continue;
    }
    for (let k = 0; k < others.length; k++) {
      const server = others[(round + k) % others.length];
      const floorFirst = (round + k) % 2 === 0;
      const first = await load(floorFirst ? floor : server, profile);
      const second = await load(floorFirst ? server : floor, profile);
      const pair = floorFirst ? { floor: first, own: second } : { floor: second, own: first };
      server.pairs.push(pair);
      floor.runs.push(pair.floor);
    }
  }
}

const spreadOf = (values) => `±${spreadPct(values).toFixed(0)}%`;

/** Median figures of a server's runs; `±` is the spread of its req/s and of its p99. */
function figureOf(runs) {
  const errors = runs.reduce((sum, r) => sum + r.errors, 0);
  const pick = (key) => runs.map((r) => r[key]);
  return {
    errors,
    text: `${num(median(pick('rps')))} req/s · server ${num(median(pick('cpuPerRequest')))} µs CPU/req · p50 ${median(pick('p50'))} ms · p99 ${median(pick('p99'))} ms · ${errors} errors`,
    spread: `${spreadOf(pick('rps'))} req/s · ${spreadOf(pick('p99'))} p99`,
    detail: runs.find((r) => r.errors)?.detail,
  };
}

/** Per-pair ratios of a server to the floor run next to it. */
function ratiosOf(server) {
  const of = (key) => server.pairs.map((p) => p.own[key] / Math.max(p.floor[key], 0.001));
  return { rps: of('rps'), cpu: of('cpuPerRequest'), p99: of('p99') };
}

function rowOf(area, server, isFloor) {
  if (server.unavailable) return { area, subject: server.label, figure: `n/a: ${server.unavailable}` };
  const runs = isFloor ? server.runs : server.pairs.map((p) => p.own);
  const figure = figureOf(runs);
  server.errors = figure.errors;
  let ratio = '1.00× req/s · 1.00× CPU · 1.00× p99';
  if (!isFloor) {
    server.ratios = ratiosOf(server);
    const { rps, cpu, p99 } = server.ratios;
    ratio = `${times(median(rps))} req/s · ${times(median(cpu))} CPU · ${times(median(p99))} p99`;
  }
  const failed = figure.errors > 0;
  return {
    area,
    subject: server.label,
    figure: failed ? `${figure.text} — ${figure.detail}` : figure.text,
    spread: figure.spread,
    ratio,
    failed,
  };
}

/**
 * 1,000 connections, floor and node adapter alternating (floor first, then the adapter first, …)
 * for `inFlightPairs` pairs: medians of p50/p99/max/req/s, p99 ratio per pair.
 */
async function inFlight(floor, node, profile) {
  const area = `HTTP · ${profile.inFlight.toLocaleString('en-US')} pushes in flight`;
  // A 30 s request timeout: with 1,000 connections on 2 cores a few sockets wait for seconds
  // (floor and SDK alike); the max shows it, and only wrong answers fail the row.
  const options = {
    seconds: profile.inFlightSeconds,
    connections: profile.inFlight,
    amount: profile.amount && profile.inFlight * 2,
    timeout: 30,
  };
  const pairs = [];
  for (let i = 0; i < (profile.inFlightPairs ?? 1); i++) {
    if (node.unavailable) pairs.push({ floor: await load(floor, options) });
    else if (profile.parallel) {
      const [f, own] = await Promise.all([load(floor, options), load(node, options)]);
      pairs.push({ floor: f, own });
    } else if (i % 2 === 0) pairs.push({ floor: await load(floor, options), own: await load(node, options) });
    else {
      const own = await load(node, options);
      pairs.push({ floor: await load(floor, options), own });
    }
  }
  const rowFor = (server, runs, ratios) => {
    const pick = (key) => median(runs.map((r) => r[key]));
    const errors = runs.reduce((sum, r) => sum + r.errors, 0);
    const wrong = runs.reduce((sum, r) => sum + r.wrongAnswers, 0);
    const detail = errors > 0 ? ` — ${runs.find((r) => r.errors).detail}` : '';
    return {
      area,
      subject: server.label,
      figure: `p50 ${pick('p50')} ms · p99 ${pick('p99')} ms · max ${pick('max')} ms · ${num(pick('rps'))} req/s · ${errors} errors${detail}`,
      spread: `${spreadOf(runs.map((r) => r.p99))} p99`,
      ratio: ratios ? `${times(median(ratios))} p99` : '1.00× p99',
      failed: wrong > 0,
    };
  };
  const rows = [
    rowFor(
      floor,
      pairs.map((p) => p.floor),
    ),
  ];
  if (node.unavailable) rows.push({ area, subject: node.label, figure: `n/a: ${node.unavailable}` });
  else {
    const ratios = pairs.map((p) => p.own.p99 / Math.max(p.floor.p99, 1));
    rows.push(
      rowFor(
        node,
        pairs.map((p) => p.own),
        ratios,
      ),
    );
  }
  return rows;
}

/** Runs section 2 → { rows, targets }. */
export async function httpSuite({ profile }) {
  const servers = await startAll();
  try {
    const floor = servers[0];
    if (floor.unavailable) throw new Error(`the floor server did not start: ${floor.unavailable}`);
    const others = servers.slice(1).filter((s) => !s.unavailable);
    await measurePairs(floor, others, profile.http);
    const area = 'HTTP · safe XML push';
    const rows = servers.map((server) => rowOf(area, server, server === floor));
    const node = servers.find((s) => s.kind === 'sdk-node');
    rows.push(...(await inFlight(floor, node, profile.http)));
    // A floor with errors is no yardstick: n/a, never a pass.
    const ok = !node.unavailable && node.ratios !== undefined && floor.errors === 0;
    const targets = [
      targetRow(
        'HTTP: node adapter req/s vs bare node:http floor, 0 errors',
        ok
          ? `${ratioWithInterval(node.ratios.rps, (r) => `${(r * 100).toFixed(0)}%`)} · ${node.errors} errors`
          : 'n/a',
        '≥ 85%, 0 errors',
        ok ? node.errors === 0 && judge(node.ratios.rps, (r) => r >= 0.85) : undefined,
      ),
    ];
    return { rows, targets };
  } finally {
    await Promise.all(servers.filter((s) => s.child).map((s) => stopChild(s.child)));
  }
}
