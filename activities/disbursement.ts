// Pays the subsidy exactly once. The ledger row of an attempt is written before the gateway is
// called and carries the idempotency key the bank deduplicates on; a retried activity reads the
// ledger first and re-asks the bank with the same key, so no crash or retry can pay twice.
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../db/database.js';
import type { PaymentGateway, PaymentOutcome } from './payments/gateway.js';
import type { CaseActivities, ManualPaymentConfirmation, PaymentAttempt } from './types.js';

export function createDisbursementActivities(
  db: Db,
  gateway: PaymentGateway,
): Pick<CaseActivities, 'disburseSubsidy' | 'confirmManualPayment'> {
  return {
    async disburseSubsidy(req: PaymentAttempt): Promise<PaymentOutcome> {
      await db
        .insertInto('disbursements')
        .values({
          disbursement_id: crypto.randomUUID(),
          case_id: req.caseId,
          attempt: req.attempt,
          idempotency_key: req.idempotencyKey,
          gateway: gateway.kind,
          amount_fen: req.amountFen,
          regional_share_fen: req.regionalShareFen,
          local_share_fen: req.localShareFen,
          standard_id: req.standardId,
          status: 'pending',
          approved_by: JSON.stringify(req.approvedBy),
        })
        .onConflict((oc) => oc.column('idempotency_key').doNothing())
        .execute();
      const ledger = await db
        .selectFrom('disbursements')
        .selectAll()
        .where('idempotency_key', '=', req.idempotencyKey)
        .executeTakeFirstOrThrow();
      if (ledger.status === 'paid') return { status: 'paid', bankReference: ledger.bank_reference ?? '' };
      if (ledger.status === 'rejected') return { status: 'rejected', reason: ledger.failure_reason ?? 'rejected' };
      if (ledger.status === 'awaiting_confirmation') return { status: 'awaiting_confirmation' };
      const alreadyPaid = await db
        .selectFrom('disbursements')
        .select('idempotency_key')
        .where('case_id', '=', req.caseId)
        .where('status', '=', 'paid')
        .executeTakeFirst();
      if (alreadyPaid) {
        throw ApplicationFailure.create({
          type: 'AlreadyPaidError',
          message: `case ${req.caseId} was already paid under ${alreadyPaid.idempotency_key}`,
          nonRetryable: true,
        });
      }

      const person = await db
        .selectFrom('cases')
        .innerJoin('persons', 'persons.person_id', 'cases.person_id')
        .select('persons.bank_account')
        .where('cases.case_id', '=', req.caseId)
        .executeTakeFirstOrThrow();
      const account = person.bank_account;
      const outcome: PaymentOutcome = account
        ? await gateway.pay({
            idempotencyKey: req.idempotencyKey,
            caseId: req.caseId,
            amountFen: req.amountFen,
            account,
          })
        : { status: 'rejected', reason: 'no bank account on file' };

      await db
        .updateTable('disbursements')
        .set({
          status: outcome.status,
          bank_reference: outcome.status === 'paid' ? outcome.bankReference : null,
          failure_reason: outcome.status === 'rejected' ? outcome.reason : null,
          updated_at: new Date(),
        })
        .where('idempotency_key', '=', req.idempotencyKey)
        .where('status', '=', 'pending')
        .execute();
      return outcome;
    },

    async confirmManualPayment(req: ManualPaymentConfirmation): Promise<void> {
      const result = await db
        .updateTable('disbursements')
        .set({
          status: 'paid',
          voucher_no: req.voucherNo,
          confirmed_by: JSON.stringify(req.confirmedBy),
          updated_at: new Date(),
        })
        .where('idempotency_key', '=', req.idempotencyKey)
        .where('status', '=', 'awaiting_confirmation')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) return;
      const row = await db
        .selectFrom('disbursements')
        .select(['status', 'voucher_no'])
        .where('idempotency_key', '=', req.idempotencyKey)
        .executeTakeFirst();
      if (row?.status === 'paid' && row.voucher_no === req.voucherNo) return; // a retry of this very confirmation
      throw ApplicationFailure.create({
        type: 'PaymentNotAwaitingConfirmation',
        message: `payment ${req.idempotencyKey} is ${row?.status ?? 'missing'}, not awaiting confirmation`,
        nonRetryable: true,
      });
    },
  };
}
