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
        // Deployment files checked as text and with their own tools (helm, docker-compose).
        test: { name: 'deploy', include: ['test/deploy/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 600_000 },
      },
      {
        // Everything else runs against one real Temporal dev server and a real PostgreSQL,
        // started once by the global setup; each file gets its own database and task queue.
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/domain/**', 'test/lint/**', 'test/deploy/**'],
          globalSetup: ['test/support/globalSetup.ts'],
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
