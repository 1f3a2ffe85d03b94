// Registers the case's queries and every human action (Update) on it.
import { condition, setHandler } from '@temporalio/workflow';
import type { CaseProcess } from '../caseProcess.js';
import { caseStateQuery, settledUpdate } from '../definitions.js';
import { registerCaseChanges } from './caseChanges.js';
import { registerDecisions } from './decisions.js';
import { registerDisbursementActions } from './disbursement.js';
import { registerTaskActions } from './tasks.js';

export function registerActions(caseProcess: CaseProcess): void {
  setHandler(caseStateQuery, () => caseProcess.state);
  setHandler(settledUpdate, async () => {
    await condition(() => caseProcess.settled);
    await caseProcess.recorder.flushed();
    return caseProcess.state;
  });
  registerDecisions(caseProcess);
  registerDisbursementActions(caseProcess);
  registerTaskActions(caseProcess);
  registerCaseChanges(caseProcess);
}
