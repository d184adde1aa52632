#!/usr/bin/env node
// `npm run bench` (after `npm run build`): runs every section, prints ONE Markdown table (floor,
// SDK and peers side by side, pass/fail per target) and writes it to bench/results/latest.md.
//
//   node bench/run.mjs                  full run (≈ 3–4 min on 2 cores)
//   node bench/run.mjs --smoke          a few seconds, tiny samples: proves the bench still works
//   node bench/run.mjs --only=pipeline,imports   some sections
//   node bench/run.mjs --out=path.md    where to write the table (default: bench/results/latest.md;
//                                       --smoke writes nothing unless --out is given)
//
// Exit status: 1 if any implementation gave a wrong answer or a section crashed; targets that do
// not hold are reported in the table, never as a failing exit (performance is not a test).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineLine } from './lib/machine.mjs';
import { PROFILES } from './lib/profiles.mjs';
import { selfTest } from './lib/reference.mjs';
import { loadDist } from './lib/sdk.mjs';
import { renderTable } from './lib/table.mjs';
import { SECTIONS } from './sections.mjs';

function parseArgs(argv) {
  const args = { smoke: false, only: undefined, out: undefined };
  for (const arg of argv) {
    if (arg === '--smoke') args.smoke = true;
    else if (arg.startsWith('--only=')) args.only = arg.slice(7).split(',');
    else if (arg.startsWith('--out=')) args.out = arg.slice(6);
    else throw new Error(`unknown argument ${arg} (see the top of bench/run.mjs)`);
  }
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const machine = machineLine(); // the load average when the run starts
  const profile = args.smoke ? PROFILES.smoke : PROFILES.full;
  const vectors = selfTest();
  const context = {
    profile,
    sdk: await loadDist('index.js'),
    simulator: await loadDist('simulator/index.js'),
  };
  const rows = [];
  const targets = [];
  let broken = 0;
  for (const [name, run] of Object.entries(SECTIONS)) {
    if (args.only && !args.only.includes(name)) continue;
    process.stderr.write(`bench: ${name}…\n`);
    const sectionStart = Date.now();
    try {
      const result = await run(context);
      rows.push(...result.rows);
      targets.push(...result.targets);
    } catch (error) {
      broken++;
      rows.push({ area: name, subject: 'section crashed', figure: `ERROR: ${error?.stack ?? error}` });
    }
    process.stderr.write(`bench: ${name} took ${((Date.now() - sectionStart) / 1000).toFixed(1)} s\n`);
  }
  broken += rows.filter((row) => row.failed).length;
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  const header = `${machine} · ${args.smoke ? 'smoke run' : 'full run'} in ${seconds} s · reference crypto checked on ${vectors} public vectors`;
  const table = `${header}\n\n${renderTable([...rows, ...targets])}\n`;
  process.stdout.write(`\n${table}`);
  const out =
    args.out ?? (args.smoke ? undefined : fileURLToPath(new URL('./results/latest.md', import.meta.url)));
  if (out) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, table);
    process.stderr.write(`bench: table written to ${out}\n`);
  }
  if (broken > 0) {
    process.stderr.write(`bench: ${broken} row(s) failed their correctness check or crashed\n`);
    process.exitCode = 1;
  }
}

await main();
// Everything is closed by now; if a stray handle still holds the loop, do not hang the terminal.
setTimeout(() => process.exit(), 2000).unref();
