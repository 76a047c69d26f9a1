import { defineConfig } from 'vitest/config';

// One runner for the whole repository: units beside the code, services against PGlite (or
// PostgreSQL when TEST_DATABASE_URL is set). Timings are never asserted.
export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packs/**/*.test.ts'],
    globalSetup: ['packages/server/src/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
  },
});
