import { defineConfig } from 'vitest/config';

// One run for the whole monorepo. Tests that need Postgres/Redis get them through
// @autocall/testing (env URLs when set, testcontainers otherwise).
export default defineConfig({
  test: {
    include: ['apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['packages/testing/src/global-setup.ts'],
    pool: 'forks',
    // Memory tests (upload-memory.test.ts) collect garbage before they measure; without this their
    // baseline depends on when V8 last collected.
    execArgv: ['--expose-gc'],
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
