import { defineConfig } from 'tsup';

// One build for every public entry: ESM + CJS + .d.ts/.d.cts, so `import` and `require`
// both get types (checked by test/package/exports.test.ts against the packed tarball).
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'testing/index': 'src/testing/index.ts',
    'redis/index': 'src/redis/index.ts',
    'simulator/index': 'src/simulator/index.ts',
    'cli/index': 'src/cli/index.ts',
  },
  format: ['esm', 'cjs'],
  // `@internal` members (constructors taking internal types, ApiClient's hooks into the token
  // manager) stay callable inside the package but leave the published types.
  dts: { compilerOptions: { stripInternal: true } },
  sourcemap: true,
  clean: true,
  target: 'node20',
  platform: 'node',
  splitting: true,
  treeshake: true,
});
