// Every human action on a case is an Update. Its validator refuses an action that does not fit
// the stage, the actor or the task before anything enters history; its handler re-checks (two
// updates can pass validation together), changes the state synchronously, then records it: the
// events of one action are written together before it answers (caseRecorder.ts).
import type { UpdateDefinition } from '@temporalio/common';
import { setHandler } from '@temporalio/workflow';
import type { CaseProcess } from '../caseProcess.js';
import type { CaseAction } from '../definitions.js';
import type { CaseState } from '../state.js';

export function registerAction<A extends CaseAction>(
  caseProcess: CaseProcess,
  update: UpdateDefinition<CaseState, [A]>,
  validate: (action: A) => void,
  apply: (action: A) => Promise<void>,
): void {
  setHandler(
    update,
    async (action: A) => {
      validate(action);
      if (caseProcess.recorder.batches()) {
        await caseProcess.recorder.during(() => apply(action));
        return caseProcess.state;
      }
      // Histories from before batching: every event was written as it was recorded.
      await apply(action);
      return caseProcess.state;
    },
    { validator: validate },
  );
}
