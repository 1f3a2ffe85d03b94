// The lifecycle benchmark's baseline: a workflow with the case's shape and none of its work. It
// takes the same number of Updates and runs the same number of activities of each kind (local and
// ordinary), placed where the case runs them (before the first Update, inside each Update, after
// the last), but the activities do nothing. Bundled on its own and run on its own task queue.
import {
  allHandlersFinished,
  condition,
  defineUpdate,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';
import type { BareActivities } from './activities.js';

export interface ActivityCount {
  local: number;
  remote: number;
}

export interface BareInput {
  atStart: ActivityCount;
  /** What each Update runs before it answers; its length is the number of Updates. */
  perUpdate: ActivityCount[];
  atEnd: ActivityCount;
}

export const stepUpdate = defineUpdate<number, []>('step');

const remote = proxyActivities<BareActivities>({ startToCloseTimeout: '30 seconds' });
const local = proxyLocalActivities<BareActivities>({ startToCloseTimeout: '30 seconds' });

async function run(n: ActivityCount | undefined): Promise<void> {
  for (let i = 0; i < (n?.local ?? 0); i++) await local.noop();
  for (let i = 0; i < (n?.remote ?? 0); i++) await remote.noop();
}

export async function bareCaseWorkflow(input: BareInput): Promise<number> {
  let started = false;
  let done = 0;
  setHandler(stepUpdate, async () => {
    // Like the case's first Update (`settled`), the first answer waits for the first steps.
    await condition(() => started);
    const n = input.perUpdate[done];
    done += 1;
    await run(n);
    return done;
  });
  await run(input.atStart);
  started = true;
  await condition(() => done >= input.perUpdate.length);
  await run(input.atEnd);
  await condition(allHandlersFinished);
  return done;
}
