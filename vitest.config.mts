import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 90_000,
    projects: [
      {
        // Pure rules and the lint guards: no server, no database.
        test: { name: 'unit', include: ['test/domain/**/*.test.ts', 'test/lint/**/*.test.ts'] },
      },
      {
        // Everything else runs against one real Temporal dev server and a real PostgreSQL,
        // started once by the global setup; each file gets its own database and task queue.
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/domain/**', 'test/lint/**'],
          globalSetup: ['test/support/globalSetup.ts'],
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
