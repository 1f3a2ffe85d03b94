// Histories of real runs of every pathway, committed under test/histories/, replay against the
// current workflow code: a change that would break running cases fails here first. The folder's
// own files are this build's; its subfolders keep those of earlier builds whose cases may still be
// in flight (workflows/README.md): local-records/ from before `records-after-task-completion`,
// per-event-records/ from before `records-batched-per-action`.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';
import { WORKFLOW_INTERCEPTORS } from '../../bin/runtime/worker.js';

const BUILDS = ['', 'per-event-records/', 'local-records/'];
const PATHWAYS = [
  'deferral-reassessment',
  'destitute-centralized-closed',
  'destitute-centralized-first-year',
  'destitute-dispersed-supported',
  'social-placement',
  'withdrawal-after-approval',
];

const fixtures = BUILDS.flatMap((build) => {
  const dir = new URL(`../histories/${build}`, import.meta.url);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({
      build,
      name: `${build}${f.replace(/\.json$/, '')}`,
      history: historyFromJSON(JSON.parse(readFileSync(new URL(f, dir), 'utf8'))),
    }));
});

async function* histories() {
  for (const f of fixtures) yield { workflowId: f.name, history: f.history };
}

describe('replay of recorded histories', () => {
  it('covers social placement, centralized and dispersed support, deferral and withdrawal, for each build', () => {
    for (const build of BUILDS)
      expect(
        fixtures
          .filter((f) => f.build === build)
          .map((f) => f.name.slice(build.length))
          .sort(),
      ).toEqual(PATHWAYS);
  });

  it('replays every history against the current workflow code', async () => {
    const results = [];
    for await (const r of Worker.runReplayHistories(
      { workflowBundle: { codePath: inject('workflowBundlePath') } },
      histories(),
    ))
      results.push(r);
    expect(results).toHaveLength(fixtures.length);
    expect(results.filter((r) => r.error).map((r) => `${r.workflowId}: ${String(r.error)}`)).toEqual([]);
  });

  it('catches a nondeterministic change', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('../support/nondeterministic/workflows.ts', import.meta.url)),
      // As in the real bundle, so that only the nondeterministic change can make the replay fail.
      workflowInterceptorModules: [WORKFLOW_INTERCEPTORS],
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} },
    });
    const socialPlacement = fixtures.find((f) => f.name === 'social-placement')!;
    await expect(
      Worker.runReplayHistory({ workflowBundle: { code } }, socialPlacement.history, 'social-placement'),
    ).rejects.toBeInstanceOf(DeterminismViolationError);
  });
});
