import { SYSTEM_ACTOR } from '../definitions.js';
import type { CaseProcess } from '../caseProcess.js';

/** After a rejected payment, a corrected account means a new attempt under a new key. */
export async function retryPaymentIfFailed(proc: CaseProcess): Promise<void> {
  const subsidy = proc.state.subsidy;
  if (!subsidy || subsidy.status !== 'failed') return;
  subsidy.status = 'approved';
  subsidy.attempt += 1;
  proc.paymentDue = true;
  await proc.recorder.record('subsidy.retry_scheduled', SYSTEM_ACTOR, { attempt: subsidy.attempt });
}
