// Section 3: the client. Customer-service text sends against the simulator's fake WeChat API on
// loopback (in a child process, so only the client's CPU is counted here), measured as CPU time per
// send (process.cpuUsage, user + system) in interleaved rounds against the best raw undici can do
// (a Pool of its own, `{ origin, path }`, text() + JSON.parse) holding a fixed token. Then 200 concurrent sends on a cold cache: how many token requests.
import { createRequire } from 'node:module';
import { ask, startChild, stopChild } from '../lib/child.mjs';
import { ACCOUNT } from '../lib/pushes.mjs';
import { recordingLogger } from '../lib/sdk.mjs';
import { judge, median, num, ratioWithInterval, spreadPct, times } from '../lib/stats.mjs';
import { targetRow } from '../lib/table.mjs';
import { userOf } from '../lib/users.mjs';
import { createEasyWeChatSender } from '../peers/easywechat-client.mjs';

const require = createRequire(import.meta.url);
const FAKE_API = new URL('../servers/fake-api.mjs', import.meta.url);
const CONTENT = '您好，您的订单已发货，预计明天送达。';
const COLD_SDK = 'wxc01d5d4a7e9f0b12';
const COLD_PEER = 'wxc02e6e5b8f0a1c23';
const AREA = 'Client · text send to fake API (loopback)';

/**
 * The floor: the best raw undici can do. A Pool of its own for the fake API's origin (no URL parsed
 * per call, no global dispatcher lookup), `{ origin, path }` options, `body.text()` + `JSON.parse`
 * (what the SDK does; `body.json()` costs more), errcode checked, a token fetched once up front.
 */
export async function undiciFloor(baseUrl) {
  const { Pool } = require('undici');
  const { origin } = new URL(baseUrl);
  const pool = new Pool(origin, { keepAliveTimeout: 30_000 });
  const headers = { 'content-type': 'application/json' };
  const post = async (path, body) => {
    const response = await pool.request({
      origin,
      path,
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    const value = JSON.parse(await response.body.text());
    if (response.statusCode !== 200 || (value.errcode !== undefined && value.errcode !== 0))
      throw new Error(`the fake API answered ${response.statusCode} ${JSON.stringify(value)}`);
    return value;
  };
  const { access_token: token } = await post('/cgi-bin/stable_token', {
    grant_type: 'client_credential',
    appid: ACCOUNT.appId,
    secret: ACCOUNT.secret,
  });
  if (!token) throw new Error('the fake API gave the floor no token');
  const path = `/cgi-bin/message/custom/send?access_token=${token}`;
  const send = (openid, content) => post(path, { touser: openid, msgtype: 'text', text: { content } });
  return { send, close: () => pool.close() };
}

export function sdkSender(sdk, appId, baseUrl) {
  const { logger } = recordingLogger();
  const app = new sdk.Application({ appId, secret: ACCOUNT.secret, baseUrl, logger });
  return (openid, content) => app.customerService.message(new sdk.Text(content)).to(openid).send();
}

/** `count` sends, `concurrency` at a time → CPU µs and wall ms per send; throws on any errcode. */
async function batch(send, count, concurrency) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const result = await send(userOf(i), CONTENT);
      if (result?.errcode !== 0) throw new Error(`send answered ${JSON.stringify(result)}`);
    }
  };
  // With --expose-gc (npm run bench) each batch starts on a clean heap, so it pays for its own
  // garbage, not for the previous candidate's (batches are long enough to reach steady state).
  globalThis.gc?.();
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / count, wall: (performance.now() - start) / count };
}

/** Warm-up (the SDK fetches its token here), then a batch size of about batchMs of wall time. */
async function warm(candidate, profile) {
  try {
    await batch(candidate.send, profile.warmupSends, profile.concurrency);
    const { wall } = await batch(candidate.send, profile.warmupSends, profile.concurrency);
    return { ...candidate, size: Math.max(10, Math.round(profile.batchMs / wall)), runs: [] };
  } catch (error) {
    candidate.error = error.message;
    return undefined;
  }
}

/** The first candidate is the floor; without a live floor no ratio is given (never a pass). */
async function measure(candidates, profile) {
  const live = [];
  for (const candidate of candidates) {
    if (candidate.unavailable || candidate.error) continue;
    const entry = await warm(candidate, profile);
    if (entry) live.push(entry);
  }
  for (let round = 0; round < profile.rounds; round++) {
    for (let k = 0; k < live.length; k++) {
      const entry = live[(round + k) % live.length];
      entry.runs.push(await batch(entry.send, entry.size, profile.concurrency));
    }
  }
  const floor = live.find((e) => e.label === candidates[0].label);
  return candidates.map((candidate) => {
    const entry = live.find((e) => e.label === candidate.label);
    if (!entry)
      return {
        area: AREA,
        subject: candidate.label,
        figure: candidate.unavailable ? `n/a: ${candidate.unavailable}` : `ERROR: ${candidate.error}`,
        failed: !candidate.unavailable,
      };
    const cpu = entry.runs.map((r) => r.cpu);
    const ratios = floor ? entry.runs.map((r, i) => r.cpu / floor.runs[i].cpu) : [];
    return {
      area: AREA,
      subject: candidate.label,
      figure: `${num(median(cpu))} µs CPU/send · ${num(1000 / median(entry.runs.map((r) => r.wall)))} sends/s`,
      spread: `±${spreadPct(cpu).toFixed(1)}%`,
      ratio: floor ? `${times(median(ratios))} CPU` : 'n/a (no floor)',
      cpuRatios: ratios,
    };
  });
}

/** 200 sends at once from a fresh client → { ok, tokenRequests }. */
async function cold(send, child, appId, count) {
  const results = await Promise.allSettled(Array.from({ length: count }, (_, i) => send(userOf(i), CONTENT)));
  const ok = results.filter((r) => r.status === 'fulfilled' && r.value?.errcode === 0).length;
  const firstError = results.find((r) => r.status === 'rejected')?.reason?.message;
  return { ok, firstError, tokenRequests: await ask(child, { cmd: 'tokenRequests', appId }) };
}

function coldRow(label, result, count) {
  const failed = result.ok !== count;
  return {
    area: `Client · ${count} concurrent sends, cold token cache`,
    subject: label,
    figure: `${result.tokenRequests} token request(s) · ${result.ok}/${count} sent${failed ? ` — ${result.firstError}` : ''}`,
    failed,
  };
}

/** Runs section 3 → { rows, targets }. */
export async function clientSuite({ sdk, profile }) {
  const apps = [ACCOUNT.appId, COLD_SDK, COLD_PEER].map((appId) => ({ appId, secret: ACCOUNT.secret }));
  const { child, message } = await startChild(FAKE_API, [JSON.stringify(apps)]);
  try {
    const baseUrl = message.url;
    const unavailable = sdk.module ? undefined : sdk.error;
    const floor = await undiciFloor(baseUrl).catch((error) => ({ error: error.message }));
    const rows = await measure(
      [
        { label: 'floor: undici Pool.request(), fixed token', send: floor.send, error: floor.error },
        {
          label: 'customerService.message().to().send()',
          unavailable,
          send: unavailable ? undefined : sdkSender(sdk.module, ACCOUNT.appId, baseUrl),
        },
        {
          label: 'peer: node-easywechat client (axios)',
          send: createEasyWeChatSender({ appId: ACCOUNT.appId, secret: ACCOUNT.secret, baseUrl }),
        },
      ],
      profile.client,
    );
    const count = profile.client.coldSends;
    const sdkCold = unavailable
      ? undefined
      : await cold(sdkSender(sdk.module, COLD_SDK, baseUrl), child, COLD_SDK, count);
    const peerCold = await cold(
      createEasyWeChatSender({ appId: COLD_PEER, secret: ACCOUNT.secret, baseUrl }),
      child,
      COLD_PEER,
      count,
    );
    rows.push(
      sdkCold
        ? coldRow('wechat-customer-service', sdkCold, count)
        : { area: 'Client · cold sends', subject: 'wechat-customer-service', figure: `n/a: ${unavailable}` },
      coldRow('peer: node-easywechat', peerCold, count),
    );
    await floor.close?.();
    const ratios = rows[1].cpuRatios ?? [];
    const targets = [
      targetRow(
        'Client: CPU per send vs raw undici floor',
        ratios.length > 0 ? ratioWithInterval(ratios) : 'n/a',
        '≤ 1.10×',
        ratios.length > 0 ? judge(ratios, (r) => r <= 1.1) : undefined,
      ),
      targetRow(
        `Client: token requests for ${count} cold concurrent sends`,
        sdkCold ? String(sdkCold.tokenRequests) : 'n/a',
        'exactly 1',
        sdkCold ? sdkCold.tokenRequests === 1 && sdkCold.ok === count : undefined,
      ),
    ];
    return { rows, targets };
  } finally {
    await stopChild(child);
  }
}
