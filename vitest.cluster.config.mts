// `npm run test:cluster`: the production topology of tools/cluster under faults
// (test/cluster/*.cluster.ts). Not part of `npm test`: it builds, starts nine processes and runs
// for many minutes.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'cluster',
    include: ['test/cluster/**/*.cluster.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 3_600_000,
    hookTimeout: 1_200_000,
  },
});
