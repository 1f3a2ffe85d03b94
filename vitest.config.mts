import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 90_000,
    projects: [
      {
        // Pure rules and the lint guards: no server, no database.
        test: { name: 'unit', include: ['test/domain/**/*.test.ts', 'test/lint/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        // The console's formatters and components, rendered in happy-dom (no browser, no server).
        test: {
          name: 'console',
          include: ['test/console/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          // A project does not inherit the root's timeouts: without this, antd forms rendered at a
          // load of 30 ran past vitest's 5 s default.
          testTimeout: 30_000,
        },
      },
      {
        // The console in Debian's Chromium against the real app and worker (test/browser/README.md).
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/support/globalSetup.ts', 'test/browser/support/globalSetup.ts'],
          pool: 'forks',
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
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
          exclude: ['test/domain/**', 'test/lint/**', 'test/deploy/**', 'test/console/**', 'test/browser/**'],
          globalSetup: ['test/support/globalSetup.ts'],
          pool: 'forks',
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
