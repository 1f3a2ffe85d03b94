// Every human action on a case is an Update. Its validator refuses an action that does not fit
// the stage, the actor or the task before anything enters history; its handler re-checks (two
// updates can pass validation together), changes the state synchronously, then records it.
import type { UpdateDefinition } from '@temporalio/common';
import { setHandler } from '@temporalio/workflow';
import type { CaseProcess } from '../caseProcess.js';
import type { ActionBase, CaseState } from '../definitions.js';

export function action<A extends ActionBase>(
  proc: CaseProcess,
  def: UpdateDefinition<CaseState, [A]>,
  check: (a: A) => void,
  apply: (a: A) => Promise<void>,
): void {
  setHandler(
    def,
    async (a: A) => {
      check(a);
      await apply(a);
      return proc.state;
    },
    { validator: check },
  );
}
