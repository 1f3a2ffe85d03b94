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
import { type ActivityMetrics, NO_ACTIVITY_METRICS } from './metrics.js';
import { type PaymentGateway, type PaymentOutcome, PaymentUnavailableError } from './payments/gateway.js';
import type { CaseActivities, ManualPaymentConfirmation, PaymentAttempt } from './types.js';

export function createDisbursementActivities(
  db: Db,
  gateway: PaymentGateway,
  metrics: ActivityMetrics = NO_ACTIVITY_METRICS,
): Pick<CaseActivities, 'disburseSubsidy' | 'confirmManualPayment'> {
  /** Asks the bank; a failed call is counted (each attempt: the rate is what an operator watches). */
  async function pay(order: Parameters<PaymentGateway['pay']>[0]): Promise<PaymentOutcome> {
    try {
      return await gateway.pay(order);
    } catch (err) {
      metrics.payment(err instanceof PaymentUnavailableError ? 'unavailable' : 'refused', gateway.kind);
      throw err;
    }
  }

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
        ? await pay({
            idempotencyKey: req.idempotencyKey,
            caseId: req.caseId,
            amountFen: req.amountFen,
            account,
          })
        : { status: 'rejected', reason: 'no bank account on file' };

      const recorded = await recordGatewayAnswer(db, req.idempotencyKey, {
        status: outcome.status,
        bankReference: outcome.status === 'paid' ? outcome.bankReference : null,
        failureReason: outcome.status === 'rejected' ? outcome.reason : null,
      });
      // Counted where the ledger row leaves pending, so a retry that finds the outcome is not.
      if (recorded) metrics.payment(outcome.status, gateway.kind);
      return outcome;
    },

    async confirmManualPayment(req: ManualPaymentConfirmation): Promise<void> {
      const result = await confirmAttemptPaidByHand(db, req.idempotencyKey, req.voucherNo, req.confirmedBy);
      if (result.confirmed) {
        if (result.justNow) metrics.payment('paid', 'manual');
        return;
      }
      throw ApplicationFailure.create({
        type: 'PaymentNotAwaitingConfirmation',
        message: `payment ${req.idempotencyKey} is ${result.status}, not awaiting confirmation`,
        nonRetryable: true,
      });
    },
  };
}
