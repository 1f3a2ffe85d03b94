// Pays the subsidy exactly once. The ledger row of an attempt is written before the gateway is
// called and carries the idempotency key the bank deduplicates on; a retried activity reads the
// ledger first and re-asks the bank with the same key, so no crash or retry can pay twice.
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../db/database.js';
import {
  bankAccountOfCase,
  confirmAttemptPaidByHand,
  paidAttemptKey,
  recordGatewayAnswer,
  recordPaymentAttempt,
} from '../db/repositories/paymentLedger.js';
import type { PaymentGateway, PaymentOutcome } from './payments/gateway.js';
import type { CaseActivities, ManualPaymentConfirmation, PaymentAttempt } from './types.js';

export function createDisbursementActivities(
  db: Db,
  gateway: PaymentGateway,
): Pick<CaseActivities, 'disburseSubsidy' | 'confirmManualPayment'> {
  return {
    async disburseSubsidy(req: PaymentAttempt): Promise<PaymentOutcome> {
      const ledger = await recordPaymentAttempt(db, { ...req, gateway: gateway.kind });
      if (ledger.status === 'paid') return { status: 'paid', bankReference: ledger.bank_reference ?? '' };
      if (ledger.status === 'rejected') return { status: 'rejected', reason: ledger.failure_reason ?? 'rejected' };
      if (ledger.status === 'awaiting_confirmation') return { status: 'awaiting_confirmation' };
      const alreadyPaid = await paidAttemptKey(db, req.caseId);
      if (alreadyPaid) {
        throw ApplicationFailure.create({
          type: 'AlreadyPaidError',
          message: `case ${req.caseId} was already paid under ${alreadyPaid}`,
          nonRetryable: true,
        });
      }

      const account = await bankAccountOfCase(db, req.caseId);
      const outcome: PaymentOutcome = account
        ? await gateway.pay({
            idempotencyKey: req.idempotencyKey,
            caseId: req.caseId,
            amountFen: req.amountFen,
            account,
          })
        : { status: 'rejected', reason: 'no bank account on file' };

      await recordGatewayAnswer(db, req.idempotencyKey, {
        status: outcome.status,
        bankReference: outcome.status === 'paid' ? outcome.bankReference : null,
        failureReason: outcome.status === 'rejected' ? outcome.reason : null,
      });
      return outcome;
    },

    async confirmManualPayment(req: ManualPaymentConfirmation): Promise<void> {
      const result = await confirmAttemptPaidByHand(db, req.idempotencyKey, req.voucherNo, req.confirmedBy);
      if (result.confirmed) return;
      throw ApplicationFailure.create({
        type: 'PaymentNotAwaitingConfirmation',
        message: `payment ${req.idempotencyKey} is ${result.status}, not awaiting confirmation`,
        nonRetryable: true,
      });
    },
  };
}
