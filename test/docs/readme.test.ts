import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';

/**
 * Every ```ts block of the README compiles against the package as a user would import it, so the
 * documentation cannot drift from the API. Blocks are fragments: the variables they take as given
 * (`secret`, `openid`, …) are declared once in a globals file; a block without imports gets the
 * package's value exports.
 */
const root = resolve(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
const dir = join(root, '.tmp', 'readme');

const GLOBALS = `
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { FastifyInstance } from 'fastify';
import type { AccessTokenProvider, Application, Cache, Logger, TextMessage } from 'wechat-customer-service';
declare global {
  const appId: string, secret: string, token: string, aesKey: string, receiveId: string, url: string;
  const openid: string, mediaId: string, longAnswer: string, tokenFromElsewhere: string;
  const timestamp: string, nonce: string, encrypt: string, msgSignature: string, requireEncryption: boolean;
  const message: TextMessage, stream: Readable, jpegBytes: Buffer, fastify: FastifyInstance;
  const app: Application, cache: Cache, logger: Logger, dispatcher: Dispatcher, accessToken: AccessTokenProvider;
}
export {};
`;

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('README', () => {
  it('has the 12-line quick start first, complete with its imports', () => {
    const first = blocks[0] ?? '';
    expect(first).toContain("from 'wechat-customer-service'");
    expect(first).toContain('toNodeHandler()');
    expect(first.trim().split('\n').length).toBeLessThanOrEqual(13);
  });

  it('names the demo and the test command on its first screen, and both scripts exist', () => {
    const firstScreen = readme.split('\n').slice(0, 40).join('\n');
    expect(firstScreen).toContain('`npm ci && npm run demo`');
    expect(firstScreen).toContain('`npm ci && npm test`');
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts.demo).toMatch(/examples\/demo\.ts/);
    expect(scripts.test).toBeDefined();
  });

  it('compiles every TypeScript block', () => {
    expect(blocks.length).toBeGreaterThan(10);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'globals.d.ts'), GLOBALS);
    const values = Object.keys(api).join(', ');
    const files = blocks.map((code, i) => {
      const file = join(dir, `block-${String(i).padStart(2, '0')}.ts`);
      const imports = /^import /m.test(code) ? '' : `import { ${values} } from 'wechat-customer-service';\n`;
      writeFileSync(file, `${imports}${code}\nexport {};\n`);
      return file;
    });
    const program = ts.createProgram([join(dir, 'globals.d.ts'), ...files], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [join(root, 'node_modules', '@types')],
      baseUrl: root,
      paths: { 'wechat-customer-service': ['src/index.ts'], 'wechat-customer-service/*': ['src/*/index.ts'] },
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file
        ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}`
        : '';
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
    // A whole TypeScript program over the package: seconds alone, far more on a loaded 2-core CI box.
  }, 120_000);
});

describe('README performance section', () => {
  it('shows a benchmark table with its date, machine and every target', () => {
    const section = readme.slice(
      readme.indexOf('<!-- bench:start -->'),
      readme.indexOf('<!-- bench:end -->'),
    );
    expect(section).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d UTC · Node v\d+/);
    expect(section.match(/^\| Target \|/gm)?.length).toBe(9);
    expect(section).toContain('floor: node:crypto');
  });
});
