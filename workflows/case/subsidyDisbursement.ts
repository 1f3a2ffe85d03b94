// The social placement subsidy from entitlement to money paid (the words are those of the glossary
// in workflows/README.md). The subsidy is computed from the standard when the pathway is approved;
// finance approves a payment attempt; the stage loop sends it to the gateway; the bank pays it, or
// finance confirms a payment made by hand, or the bank rejects it and a corrected account brings a
// new attempt under a new idempotency key.
import { type Principal, SYSTEM_PRINCIPAL } from '../../domain/access.js';
import { payments, policy } from './activities.js';
import type { CaseRecorder } from './caseRecorder.js';
import type { CaseState, Subsidy } from './state.js';
import type { TaskBoard } from './taskBoard.js';
import { todayInShanghai } from './time.js';

/** How a payment was proven: the bank's reference, or the voucher of a payment made by hand. */
export interface PaymentProof {
  bankReference: string | null;
  voucherNo: string | null;
}

export class SubsidyDisbursement {
  /** Set when finance approved a payment attempt that has not been sent to the gateway yet. */
  attemptDue = false;
  /** Who approved the current attempt; the ledger row records it. */
  approvedBy: Principal | null = null;

  constructor(
    private readonly state: CaseState,
    private readonly recorder: CaseRecorder,
    private readonly board: TaskBoard,
  ) {}

  /** The idempotency key of one payment attempt: the bank deduplicates on it, so it names the attempt. */
  idempotencyKey(subsidy: Subsidy): string {
    return `${this.state.caseId}:subsidy:${subsidy.attempt}`;
  }

  /** The entitlement: the standard in force today for the case's division (else the one above it). */
  async computeSubsidy(actor: Principal): Promise<void> {
    const date = todayInShanghai();
    const quote = await policy.quoteSubsidy({ division: this.state.division, date });
    if (!quote) throw new Error(`no effective subsidy standard for ${this.state.division} on ${date}`);
    this.state.subsidy = {
      amountFen: quote.amountFen,
      regionalShareFen: quote.regionalShareFen,
      localShareFen: quote.localShareFen,
      standardId: quote.standardId,
      standardDivision: quote.standardDivision,
      effectiveFrom: quote.effectiveFrom,
      computedOn: date,
      status: 'computed',
      attempt: 0,
      voucherNo: null,
      bankReference: null,
      failureReason: null,
    };
    await this.recorder.record('subsidy.computed', actor, { ...quote, approvalDate: date });
  }

  /** Finance approves the computed subsidy: the first payment attempt is due. */
  async approve(actor: Principal): Promise<void> {
    const subsidy = this.state.subsidy!;
    subsidy.status = 'approved';
    subsidy.attempt += 1;
    this.approvedBy = actor;
    this.attemptDue = true;
    await this.recorder.record('subsidy.approved', actor, { amountFen: subsidy.amountFen, attempt: subsidy.attempt });
  }

  /** After a rejected attempt, a corrected account means a new attempt under a new key. */
  async retryIfRejected(): Promise<void> {
    const subsidy = this.state.subsidy;
    if (!subsidy || subsidy.status !== 'failed') return;
    subsidy.status = 'approved';
    subsidy.attempt += 1;
    this.attemptDue = true;
    await this.recorder.record('subsidy.retry_scheduled', SYSTEM_PRINCIPAL, { attempt: subsidy.attempt });
  }

  /** One payment attempt through the gateway (called by the stage loop, never by a handler). */
  async attemptPayment(): Promise<void> {
    this.attemptDue = false;
    const subsidy = this.state.subsidy!;
    const approvedBy = this.approvedBy ?? SYSTEM_PRINCIPAL;
    const idempotencyKey = this.idempotencyKey(subsidy);
    const outcome = await payments.disburseSubsidy({
      caseId: this.state.caseId,
      attempt: subsidy.attempt,
      idempotencyKey,
      amountFen: subsidy.amountFen,
      regionalShareFen: subsidy.regionalShareFen,
      localShareFen: subsidy.localShareFen,
      standardId: subsidy.standardId,
      approvedBy,
    });
    if (outcome.status === 'awaiting_confirmation') {
      await this.recorder.record('subsidy.awaiting_confirmation', SYSTEM_PRINCIPAL, {
        attempt: subsidy.attempt,
        idempotencyKey,
      });
      return;
    }
    if (outcome.status === 'paid') {
      await this.recordPaid(SYSTEM_PRINCIPAL, { bankReference: outcome.bankReference, voucherNo: null });
      return;
    }
    subsidy.status = 'failed';
    subsidy.failureReason = outcome.reason;
    // The rejection and the institution's task to correct the account are one event.
    const { created, data } = await this.board.prepare([
      {
        kind: 'correct_bank_account',
        assigneeRole: 'institution',
        department: null,
        required: true,
        details: { attempt: subsidy.attempt, reason: outcome.reason },
      },
    ]);
    await this.recorder.record(
      'subsidy.payment_rejected',
      SYSTEM_PRINCIPAL,
      { attempt: subsidy.attempt, idempotencyKey, reason: outcome.reason, ...data },
      created,
    );
    this.board.supervise(created);
  }

  /** Finance confirms the payment it made by hand for the attempt awaiting confirmation. */
  async confirmManualPayment(actor: Principal, voucherNo: string): Promise<void> {
    const subsidy = this.state.subsidy!;
    subsidy.status = 'paid'; // claimed at once, so a concurrent second confirmation is refused
    await payments.confirmManualPayment({
      caseId: this.state.caseId,
      idempotencyKey: this.idempotencyKey(subsidy),
      voucherNo,
      confirmedBy: actor,
    });
    await this.recordPaid(actor, { bankReference: null, voucherNo });
  }

  /** The subsidy is paid: finance's disbursement task closes in the same event. */
  private async recordPaid(actor: Principal, proof: PaymentProof): Promise<void> {
    const subsidy = this.state.subsidy!;
    subsidy.status = 'paid';
    subsidy.bankReference = proof.bankReference;
    subsidy.voucherNo = proof.voucherNo;
    subsidy.failureReason = null;
    const financeTask = this.board.openOfKind('subsidy_disbursement');
    if (financeTask)
      this.board.closeWithoutRecording(financeTask, 'done', actor, 'paid', proof.voucherNo ?? proof.bankReference);
    await this.recorder.record(
      'subsidy.paid',
      actor,
      { attempt: subsidy.attempt, amountFen: subsidy.amountFen, ...proof },
      financeTask ? [financeTask] : [],
    );
  }
}
