// Finance's part in the disbursement: approving the computed subsidy for payment, and confirming
// a payment made by hand. The payment attempts themselves are ../subsidyDisbursement.ts.
import type { CaseProcess } from '../caseProcess.js';
import { refuse, requirePermission, requireStage, requireText } from '../checks.js';
import { approveDisbursementUpdate, confirmDisbursementUpdate } from '../definitions.js';
import { registerAction } from './action.js';

export function registerDisbursementActions(caseProcess: CaseProcess): void {
  const { state, disbursement } = caseProcess;

  registerAction(
    caseProcess,
    approveDisbursementUpdate,
    ({ actor }) => {
      requirePermission(state, actor, 'disbursement.approve');
      requireStage(state, ['social_placement'], 'approve the disbursement');
      if (!state.subsidy) refuse('INVALID_STAGE', 'no subsidy has been computed for this case');
      if (state.subsidy.status !== 'computed') refuse('CONFLICT', `the subsidy is already ${state.subsidy.status}`);
      if (!state.facts.hasBankAccount)
        refuse('INVALID_STAGE', 'no bank account on file: the institution must add one first');
    },
    ({ actor }) => disbursement.approve(actor),
  );

  registerAction(
    caseProcess,
    confirmDisbursementUpdate,
    ({ actor, voucherNo }) => {
      requirePermission(state, actor, 'disbursement.confirm');
      requireStage(state, ['social_placement'], 'confirm a payment');
      requireText(voucherNo, 'voucherNo', 64);
      if (state.subsidy?.status === 'paid') refuse('CONFLICT', 'the subsidy is already paid');
      if (state.subsidy?.status !== 'approved' || disbursement.attemptDue)
        refuse('INVALID_STAGE', 'no approved payment is waiting for confirmation');
    },
    ({ actor, voucherNo }) => disbursement.confirmManualPayment(actor, voucherNo),
  );
}
