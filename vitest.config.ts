import { defineConfig } from 'vitest/config';

// One run for the whole monorepo, in three projects. Tests that need Postgres/Redis get them
// through @autocall/testing (env URLs when set, testcontainers otherwise).
export default defineConfig({
  test: {
    pool: 'forks',
    // Memory tests (upload-memory.test.ts) collect garbage before they measure; without this their
    // baseline depends on when V8 last collected.
    execArgv: ['--expose-gc'],
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          // One fork runs file after file instead of a fresh process per file: loading Prisma's
          // client, Fastify and the rest again for each of ~110 files was most of this project's
          // time (apps/api + packages: 92.5 s isolated, 35.2 s not). Every file makes its own
          // schemas, queues, servers and timers and tears them down, so nothing leaks between them.
          isolate: false,
          include: ['apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: ['apps/web/**', 'tests/web/**', '**/node_modules/**'],
          globalSetup: ['packages/testing/src/global-setup.ts'],
        },
      },
      // The console's component tests: a DOM (happy-dom), the console's own Vite config (React,
      // the `@/` alias), no database.
      {
        extends: './apps/web/vite.config.ts',
        test: {
          name: 'web',
          // As for 'node': the React, i18next and happy-dom imports once per fork, not per file.
          // It extends the console's Vite config, not this one, so it names the root's worker count
          // (Vitest refuses projects with different counts in one run unless each is isolated).
          isolate: false,
          maxWorkers: 2,
          root: './apps/web',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['./src/test/setup.ts'],
        },
      },
      // Browser journeys: Debian's Chromium against the real stack serving the production build.
      // The global setup builds the console when it is missing or stale, then starts one stack and
      // one Chromium that every journey file shares (tests/web/support/stack.ts).
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/web/**/*.test.ts'],
          globalSetup: ['packages/testing/src/global-setup.ts', 'tests/web/support/stack.ts'],
          testTimeout: 60_000,
          // expect.poll waits as long as a locator does (15 s), not 1 s: a debounced search or a
          // refresh takes longer than a second on a busy two-core machine.
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
    ],
  },
});
