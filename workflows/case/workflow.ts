// One workflow per youth: its ID is the case ID, its history the process record.
import { allHandlersFinished, condition, continueAsNew } from '@temporalio/workflow';
import { registerActions } from './actions/index.js';
import { CaseProcess, initialState } from './caseProcess.js';
import type { CaseInput, Stage } from './definitions.js';

export interface CaseResult {
  stage: Stage;
}

export async function caseWorkflow(input: CaseInput): Promise<CaseResult> {
  const proc = new CaseProcess(input.resume ?? initialState(input));
  registerActions(proc);
  const ended = await proc.run(input.registeredBy, input.resume !== undefined);
  // Let every accepted action finish and be recorded before the run ends or continues.
  await condition(allHandlersFinished);
  await proc.recorder.flushed();
  if (ended === 'continue') {
    // A destitute-support case lives for years: each annual review starts a fresh history.
    await continueAsNew<typeof caseWorkflow>({ ...input, resume: proc.state });
  }
  return { stage: proc.state.stage };
}
