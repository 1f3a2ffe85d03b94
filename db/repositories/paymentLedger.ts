// The payment ledger (table `disbursements`): one row per payment attempt of a case's subsidy,
// keyed by the attempt's idempotency key. A row is written `pending` before the gateway is called,
// so a retry after a crash finds it and asks the bank again under the same key.
import type { Db } from '../database.js';
import type { Principal } from '../../domain/access.js';
import type { PaymentAttemptStatus } from '../../domain/vocabulary.js';
import type { PaymentAttemptRow } from '../schema.js';

export interface NewPaymentAttempt {
  caseId: string;
  attempt: number;
  idempotencyKey: string;
  gateway: 'manual' | 'http';
  amountFen: number;
  regionalShareFen: number;
  localShareFen: number;
  standardId: string;
  approvedBy: Principal;
}

/** The attempt's row, written `pending` the first time and read back as it stands every time. */
export async function recordPaymentAttempt(db: Db, a: NewPaymentAttempt): Promise<PaymentAttemptRow> {
  await db
    .insertInto('disbursements')
    .values({
      disbursement_id: crypto.randomUUID(),
      case_id: a.caseId,
      attempt: a.attempt,
      idempotency_key: a.idempotencyKey,
      gateway: a.gateway,
      amount_fen: a.amountFen,
      regional_share_fen: a.regionalShareFen,
      local_share_fen: a.localShareFen,
      standard_id: a.standardId,
      status: 'pending',
      approved_by: JSON.stringify(a.approvedBy),
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
  return db
    .selectFrom('disbursements')
    .selectAll()
    .where('idempotency_key', '=', a.idempotencyKey)
    .executeTakeFirstOrThrow();
}

/** The key of the case's attempt that was paid, if one was. */
export async function paidAttemptKey(db: Db, caseId: string): Promise<string | undefined> {
  const paid = await db
    .selectFrom('disbursements')
    .select('idempotency_key')
    .where('case_id', '=', caseId)
    .where('status', '=', 'paid')
    .executeTakeFirst();
  return paid?.idempotency_key;
}

/** The account the case's subsidy is paid to (personal data: it goes to the gateway and nowhere else). */
export async function bankAccountOfCase(
  db: Db,
  caseId: string,
): Promise<{ bank: string; accountNo: string; holder: string } | null> {
  const person = await db
    .selectFrom('cases')
    .innerJoin('persons', 'persons.person_id', 'cases.person_id')
    .select('persons.bank_account')
    .where('cases.case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return person.bank_account;
}

/** What the gateway answered for a pending attempt; an attempt already settled is left as it is. */
export async function recordGatewayAnswer(
  db: Db,
  idempotencyKey: string,
  answer: {
    status: Exclude<PaymentAttemptStatus, 'pending'>;
    bankReference: string | null;
    failureReason: string | null;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('disbursements')
    .set({
      status: answer.status,
      bank_reference: answer.bankReference,
      failure_reason: answer.failureReason,
      updated_at: new Date(),
    })
    .where('idempotency_key', '=', idempotencyKey)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Finance's voucher for an attempt paid by hand. True when this call confirmed it, or when it was
 * already confirmed with the same voucher (a retry of this very confirmation); otherwise the
 * attempt's status as it stands, for the refusal.
 */
export async function confirmAttemptPaidByHand(
  db: Db,
  idempotencyKey: string,
  voucherNo: string,
  confirmedBy: Principal,
): Promise<{ confirmed: true; justNow: boolean } | { confirmed: false; status: string }> {
  const result = await db
    .updateTable('disbursements')
    .set({ status: 'paid', voucher_no: voucherNo, confirmed_by: JSON.stringify(confirmedBy), updated_at: new Date() })
    .where('idempotency_key', '=', idempotencyKey)
    .where('status', '=', 'awaiting_confirmation')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 1) return { confirmed: true, justNow: true };
  const row = await db
    .selectFrom('disbursements')
    .select(['status', 'voucher_no'])
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
  if (row?.status === 'paid' && row.voucher_no === voucherNo) return { confirmed: true, justNow: false };
  return { confirmed: false, status: row?.status ?? 'missing' };
}
