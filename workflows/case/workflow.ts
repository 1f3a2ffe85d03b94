// One workflow per youth: its ID is the case ID, its history the process record. The function's
// name is the workflow type (CASE_WORKFLOW_TYPE) stored in every history: never rename it.
import { allHandlersFinished, condition, continueAsNew } from '@temporalio/workflow';
import type { Stage } from '../../domain/vocabulary.js';
import { registerActions } from './actions/index.js';
import { CaseProcess } from './caseProcess.js';
import type { CaseInput, CaseState } from './state.js';

export interface CaseResult {
  stage: Stage;
}

export async function caseWorkflow(input: CaseInput): Promise<CaseResult> {
  const caseProcess = new CaseProcess(input.resume ?? initialState(input));
  registerActions(caseProcess);
  const ended = await caseProcess.run(input.registeredBy, input.resume !== undefined);
  // Let every accepted action finish and be recorded before the run ends or continues.
  await condition(allHandlersFinished);
  await caseProcess.recorder.flushed();
  if (ended === 'continue') {
    // A destitute-support case lives for years: each annual review starts a fresh history.
    await continueAsNew<typeof caseWorkflow>({ ...input, resume: caseProcess.state });
  }
  return { stage: caseProcess.state.stage };
}

/** A newly registered case: waiting for the youth's adulthood, nothing decided yet. */
function initialState(input: CaseInput): CaseState {
  return {
    caseId: input.caseId,
    stage: 'awaiting_adulthood',
    pathway: null,
    division: input.division,
    institutionId: input.institutionId,
    adulthoodDate: input.adulthoodDate,
    adulthoodAt: input.adulthoodAt,
    facts: input.facts,
    assessment: null,
    recommendation: null,
    proposal: null,
    reviews: [],
    recognition: null,
    subsidy: null,
    tasks: [],
    withdrawal: null,
    corrections: [],
    deferredUntil: null,
    pathwayPlannedAt: null,
    placedAt: null,
    supportedSince: null,
    eventSeq: 0,
  };
}
