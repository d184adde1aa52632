import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Tests the package as npm ships it: `npm pack` of the built dist/, unpacked into a consumer's
 * node_modules, then loaded with `require` and `import` by a real Node process and type-checked
 * as a consumer (NodeNext, both module kinds). `npm test` builds first (`pretest`).
 */
const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
// Inside the repo, so the unpacked package resolves undici & co. from the repo's node_modules.
const consumer = join(root, '.tmp', 'consumer');
const installed = join(consumer, 'node_modules', 'wechat-customer-service');
const entries = [
  'wechat-customer-service',
  'wechat-customer-service/testing',
  'wechat-customer-service/redis',
  'wechat-customer-service/simulator',
];
let files: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'index.js')))
    throw new Error('dist/ is missing: run `npm run build` (npm test does)');
  rmSync(consumer, { recursive: true, force: true });
  mkdirSync(installed, { recursive: true });
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', consumer], { cwd: root });
  const [pack] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
  files = pack.files.map((file) => file.path);
  await run('tar', ['-xzf', join(consumer, pack.filename), '-C', installed, '--strip-components=1']);
  writeFileSync(join(consumer, 'package.json'), '{ "name": "consumer", "private": true }');
}, 120_000);

afterAll(() => rmSync(consumer, { recursive: true, force: true }));

describe('the packed package', () => {
  it('ships dist, docs and license only', () => {
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.cjs');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('dist/index.d.cts');
    expect(files).toContain('README.md');
    expect(files).toContain('CHANGELOG.md');
    expect(files).toContain('LICENSE');
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/'))).toEqual([]);
  });

  it.each(entries)('loads %s with require and with import', async (entry) => {
    const script = (how: string) =>
      `${how}.then((m) => console.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'default').sort())))`;
    const cjs = await run(process.execPath, ['-e', script(`Promise.resolve(require('${entry}'))`)], {
      cwd: consumer,
    });
    const esm = await run(process.execPath, ['--input-type=module', '-e', script(`import('${entry}')`)], {
      cwd: consumer,
    });
    const names = JSON.parse(cjs.stdout) as string[];
    expect(names.length).toBeGreaterThan(0);
    expect(JSON.parse(esm.stdout)).toEqual(names);
  });

  it('keeps instanceof working between the CJS and the ESM copy', async () => {
    const script = `
      const cjs = require('wechat-customer-service');
      import('wechat-customer-service').then((esm) => {
        const error = new cjs.ReplyWindowError({ errcode: 45015, errmsg: 'x' }, '/p');
        console.log(JSON.stringify([error instanceof esm.ApiError, esm.isWeChatError(error), error instanceof esm.TypingError]));
      });`;
    const { stdout } = await run(process.execPath, ['-e', script], { cwd: consumer });
    expect(JSON.parse(stdout)).toEqual([true, true, false]);
  });

  it('runs the wechat-cs binary', async () => {
    const { stdout } = await run(process.execPath, [join(installed, 'dist', 'cli', 'index.js'), '--help'], {
      cwd: consumer,
    });
    expect(stdout).toContain('wechat-cs');
  });

  it('publishes no internal constructor or member (@internal is stripped)', () => {
    const types = files
      .filter((file) => /\.d\.c?ts$/.test(file))
      .map((file) => readFileSync(join(installed, file), 'utf8'))
      .join('\n');
    expect(types).not.toMatch(
      /\bpeek\(|\breplacementFor\(|AccessTokenInternals|credentials: Credentials|HttpClient|ApiClient|interface Settings/,
    );
  });

  it('type-checks for a consumer in both module kinds', () => {
    const source = `
      import { Application, Text, TransferCustomerService, type InboundMessage } from 'wechat-customer-service';
      import { createTestPush } from 'wechat-customer-service/testing';
      import { RedisCache } from 'wechat-customer-service/redis';
      import { startFakeApi } from 'wechat-customer-service/simulator';
      const app = new Application({ appId: 'wx1234567890', secret: 's', token: 't' });
      app.server.on('text', (message) => (message.Content === '人工' ? new TransferCustomerService() : new Text('ok')));
      export const used = [createTestPush, RedisCache, startFakeApi, app] as const;
      // Internal members stay out of the published types (stripInternal).
      // @ts-expect-error peek is ApiClient's
      app.accessToken.peek();
      // @ts-expect-error replacementFor is ApiClient's
      void app.accessToken.replacementFor;
      export type Used = InboundMessage;
    `;
    writeFileSync(join(consumer, 'esm.mts'), source);
    writeFileSync(join(consumer, 'cjs.cts'), source);
    const program = ts.createProgram([join(consumer, 'esm.mts'), join(consumer, 'cjs.cts')], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noEmit: true,
      types: ['node'],
      typeRoots: [join(root, 'node_modules', '@types')],
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
    expect(readdirSync(consumer)).toContain('esm.mts');
    // A TypeScript program: seconds alone, far more on a loaded 2-core CI box.
  }, 120_000);
});
