import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Examples and docs import the package by name, as users do; here the name points at src/.
// (tsconfig "paths" does the same for tsc and tsx.)
const root = fileURLToPath(new URL('./', import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^wechat-customer-service$/, replacement: `${root}src/index.ts` },
      { find: /^wechat-customer-service\/(testing|redis|simulator)$/, replacement: `${root}src/$1/index.ts` },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    typecheck: {
      enabled: true,
      include: ['test/types/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
  },
});
