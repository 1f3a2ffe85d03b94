// Registers the case's queries and every human action (Update) on it.
import { condition, setHandler } from '@temporalio/workflow';
import type { CaseProcess } from '../caseProcess.js';
import { caseStateQuery, settledUpdate } from '../definitions.js';
import { registerCaseChanges } from './caseChanges.js';
import { registerDecisions } from './decisions.js';
import { registerPayment } from './payment.js';
import { registerTaskActions } from './tasks.js';

export function registerActions(proc: CaseProcess): void {
  setHandler(caseStateQuery, () => proc.state);
  setHandler(settledUpdate, async () => {
    await condition(() => proc.settled);
    await proc.recorder.flushed();
    return proc.state;
  });
  registerDecisions(proc);
  registerPayment(proc);
  registerTaskActions(proc);
  registerCaseChanges(proc);
}
