// Finance's part: approving the computed subsidy and confirming a payment made by hand.
import { payments } from '../activities.js';
import type { CaseProcess } from '../caseProcess.js';
import { refuse, requireActor, requireStage, requireText } from '../checks.js';
import { REFUSAL, approveDisbursementUpdate, confirmDisbursementUpdate } from '../definitions.js';
import { action } from './action.js';

export function registerPayment(proc: CaseProcess): void {
  const s = proc.state;

  action(
    proc,
    approveDisbursementUpdate,
    ({ actor }) => {
      requireActor(s, actor, 'disbursement.approve');
      requireStage(s, ['social_placement'], 'approve the disbursement');
      if (!s.subsidy) refuse(REFUSAL.invalidStage, 'no subsidy has been computed for this case');
      if (s.subsidy.status !== 'computed') refuse(REFUSAL.conflict, `the subsidy is already ${s.subsidy.status}`);
      if (!s.facts.hasBankAccount)
        refuse(REFUSAL.invalidStage, 'no bank account on file: the institution must add one first');
    },
    async ({ actor }) => {
      const subsidy = s.subsidy!;
      subsidy.status = 'approved';
      subsidy.attempt += 1;
      proc.lastApprover = actor;
      proc.paymentDue = true;
      await proc.recorder.record('subsidy.approved', actor, { amountFen: subsidy.amountFen, attempt: subsidy.attempt });
    },
  );

  action(
    proc,
    confirmDisbursementUpdate,
    ({ actor, voucherNo }) => {
      requireActor(s, actor, 'disbursement.confirm');
      requireStage(s, ['social_placement'], 'confirm a payment');
      requireText(voucherNo, 'voucherNo', 64);
      if (s.subsidy?.status === 'paid') refuse(REFUSAL.conflict, 'the subsidy is already paid');
      if (s.subsidy?.status !== 'approved' || proc.paymentDue)
        refuse(REFUSAL.invalidStage, 'no approved payment is waiting for confirmation');
    },
    async ({ actor, voucherNo }) => {
      const subsidy = s.subsidy!;
      subsidy.status = 'paid'; // claimed at once, so a concurrent second confirmation is refused
      await payments.confirmManualPayment({
        caseId: s.caseId,
        idempotencyKey: `${s.caseId}:subsidy:${subsidy.attempt}`,
        voucherNo,
        confirmedBy: actor,
      });
      await proc.markPaid(actor, { bankReference: null, voucherNo });
    },
  );
}
