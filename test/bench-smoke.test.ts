import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// A short run of the benchmark (`node bench/run.mjs --smoke`): proves that every section still
// runs against the built package and that every implementation's replies pass the benchmark's
// own checks. It asserts no figure: performance is measured by `npm run bench`, never tested.

const root = fileURLToPath(new URL('..', import.meta.url));

function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { cwd: root, timeout: 170_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('benchmark smoke run', () => {
  let result: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    // CI builds before testing; a fresh checkout builds here once. BENCH_DIST names another build.
    const dist = process.env.BENCH_DIST ?? `${root}/dist`;
    if (!existsSync(`${dist}/index.js`) || !existsSync(`${dist}/simulator/index.js`)) {
      const build = await run(process.execPath, [`${root}/node_modules/tsup/dist/cli-default.js`]);
      expect(build.code, build.stderr).toBe(0);
    }
    result = await run(process.execPath, ['--expose-gc', 'bench/run.mjs', '--smoke']);
  }, 180_000);

  it('exits 0: every reply of every implementation passed its check and no section crashed', () => {
    expect(result.code, result.stderr + result.stdout).toBe(0);
    expect(result.stdout).not.toContain('ERROR');
  });

  it('prints exactly one Markdown table, headed by the machine and date line', () => {
    expect(result.stdout.match(/^\| Area \| Subject \|/gm)).toHaveLength(1);
    expect(result.stdout).toMatch(/UTC · Node v\d+/);
  });

  it('measures the SDK in every section (nothing is n/a against a built package)', () => {
    const rows = result.stdout.split('\n').filter((line) => line.startsWith('| '));
    for (const area of ['Push in process', 'HTTP ·', 'Client ·', 'Memory ·', 'Import time']) {
      expect(rows.some((row) => row.startsWith(`| ${area}`))).toBe(true);
    }
    expect(rows.filter((row) => row.includes('n/a'))).toEqual([]);
    expect(rows.some((row) => row.includes('wechat-customer-service serve()'))).toBe(true);
  });

  it('gives every target of issue 5 a verdict (pass or FAIL, not asserted)', () => {
    const targets = result.stdout.split('\n').filter((line) => line.startsWith('| Target |'));
    expect(targets).toHaveLength(9);
    for (const target of targets) expect(target).toMatch(/✅ pass|❌ FAIL/);
  });
});
