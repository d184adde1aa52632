// Section 4b: import time. Each sample is a fresh `node` process that times only its own
// `require()` or `import()` of the subject (node's own start-up is excluded), so the figure is
// what the package adds to a cold start. Subjects are sampled in interleaved rounds; figures are
// medians, ratios are to undici alone (the package's one heavy runtime dependency).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DIST } from '../lib/sdk.mjs';
import { median, num, times } from '../lib/stats.mjs';
import { targetRow } from '../lib/table.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const AREA = 'Import time (cold process)';
const TIMER = 'const t=process.hrtime.bigint();';
const PRINT = 'process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6));';

const cjs = (specifier) => ['-e', `${TIMER}require(${JSON.stringify(specifier)});${PRINT}`];
const esm = (specifier) => [
  '--input-type=module',
  '-e',
  `${TIMER}await import(${JSON.stringify(specifier)});${PRINT}`,
];

function subjects() {
  const ours = fileURLToPath(new URL('index.cjs', DIST));
  return [
    { id: 'undici-cjs', label: 'floor: undici alone, require()', args: cjs('undici') },
    { id: 'ours-cjs', label: 'wechat-customer-service, require()', args: cjs(ours) },
    { id: 'undici-esm', label: 'floor: undici alone, import()', args: esm('undici') },
    { id: 'ours-esm', label: 'wechat-customer-service, import()', args: esm(new URL('index.js', DIST).href) },
    { id: 'easywechat', label: 'peer: node-easywechat, require()', args: cjs('node-easywechat') },
    {
      id: 'easywechat-server',
      label: 'peer: node-easywechat server classes only, require()',
      args: cjs('node-easywechat/dist/MiniApp/Server'),
    },
    { id: 'webot', label: 'peer: node-webot `wechat`, require()', args: cjs('wechat') },
    { id: 'wechat-crypto', label: 'peer: wechat-crypto, require()', args: cjs('wechat-crypto') },
    { id: 'wecom', label: 'peer: @wecom/crypto, require()', args: cjs('@wecom/crypto') },
    {
      id: 'fxp',
      label: 'fast-xml-parser alone (runtime dependency), require()',
      args: cjs('fast-xml-parser'),
    },
  ];
}

function sample(args) {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) {
        const line =
          String(stderr)
            .split('\n')
            .find((l) => /Error/.test(l)) ?? error.message;
        resolve({ error: line.trim().slice(0, 160) });
      } else resolve({ ms: Number(stdout) });
    });
  });
}

/** Runs section 4b → { rows, targets }. */
export async function importsSuite({ profile }) {
  const list = subjects();
  const built = existsSync(new URL('index.cjs', DIST)) && existsSync(new URL('index.js', DIST));
  for (const subject of list) {
    subject.samples = [];
    if (!built && subject.id.startsWith('ours'))
      subject.unavailable = 'the package is not built: run npm run build';
  }
  for (let round = 0; round < profile.imports.samples; round++) {
    for (const subject of list) {
      if (subject.error || subject.unavailable) continue;
      const result = await sample(subject.args);
      if (result.error) subject.error = result.error;
      else subject.samples.push(result.ms);
    }
  }
  const byId = new Map(list.map((s) => [s.id, s]));
  const ms = (id) => (byId.get(id).samples.length === 0 ? Number.NaN : median(byId.get(id).samples));
  const rows = list.map((s) => {
    if (s.unavailable) return { area: AREA, subject: s.label, figure: `n/a: ${s.unavailable}` };
    // A peer that does not load is a finding; our own package not loading is a broken build.
    if (s.error)
      return {
        area: AREA,
        subject: s.label,
        figure: `fails to load: ${s.error}`,
        failed: s.id.startsWith('ours'),
      };
    const base = s.id.endsWith('-esm') ? ms('undici-esm') : ms('undici-cjs');
    return {
      area: AREA,
      subject: s.label,
      figure: `${num(ms(s.id))} ms`,
      ratio: `${times(ms(s.id) / base)} undici`,
    };
  });
  const target = (kind) => {
    const ratio = ms(`ours-${kind}`) / ms(`undici-${kind}`);
    const ok = Number.isFinite(ratio);
    return targetRow(
      `Import (${kind === 'cjs' ? 'require' : 'import'}) vs undici alone`,
      ok ? times(ratio) : 'n/a',
      '≤ 2.00×',
      ok ? ratio <= 2 : undefined,
    );
  };
  return { rows, targets: [target('cjs'), target('esm')] };
}
