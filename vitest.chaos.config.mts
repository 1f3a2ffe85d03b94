// The full fault and attack suite (`npm run test:chaos`): crash, restart, payment-fault, race,
// fuzzing and privacy tests under test/chaos/*.chaos.ts, one file at a time (they kill workers
// and restart servers), the privacy scan last. Its fast subset runs in `npm test` from
// test/chaos/fast/. The closing line `chaos: seeds=... 5xx=0 ...` sums what every file did.
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/** Files in name order, except the privacy scan, which must see everything the others left. */
class PrivacyLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const last = (f: TestSpecification) => (f.moduleId.endsWith('privacy.chaos.ts') ? 1 : 0);
    return [...files].sort((a, b) => last(a) - last(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

export default defineConfig({
  test: {
    name: 'chaos',
    include: ['test/chaos/**/*.chaos.ts'],
    globalSetup: ['test/support/globalSetup.ts', 'test/chaos/support/chaosGlobalSetup.ts'],
    pool: 'forks',
    fileParallelism: false,
    sequence: { sequencer: PrivacyLast },
    testTimeout: 600_000,
    hookTimeout: 180_000,
  },
});
