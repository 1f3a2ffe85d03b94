// A deliberately nondeterministic change of the case workflow: it sleeps before doing what the
// real one does, a command the recorded histories do not have. Replaying them must fail.
import { sleep } from '@temporalio/workflow';
import { caseWorkflow as realCaseWorkflow } from '../../../workflows/case/workflow.js';
import type { CaseInput } from '../../../workflows/case/state.js';

export async function caseWorkflow(input: CaseInput) {
  await sleep('1 second');
  return realCaseWorkflow(input);
}
