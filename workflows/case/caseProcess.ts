// The stages of one youth's case, from registration to closure. Human actions (actions.ts)
// change the state; this loop waits for time and for those changes, and does what each stage
// needs when the case enters it.
import { condition } from '@temporalio/workflow';
import { shanghaiDateOf, startOfShanghaiDay } from '../../domain/shanghaiDates.js';
import { planTasks } from '../../domain/taskPlan.js';
import type { PolicyDuration } from '../../domain/policy.js';
import { payments, policy } from './activities.js';
import { CaseRecorder } from './caseRecorder.js';
import {
  type Actor,
  type CaseInput,
  type CaseState,
  type CaseTask,
  type Pathway,
  SYSTEM_ACTOR,
  type Stage,
} from './definitions.js';
import { type Durations, type TaskSpec, TaskBoard, isOpen, waitUntil } from './taskBoard.js';

export const TRANSITION_CHECKLIST = [
  'resident_id_card',
  'household_registration_booklet',
  'social_insurance_card',
  'bank_card',
  'education_certificates',
  'medical_records',
] as const;

export function initialState(input: CaseInput): CaseState {
  return {
    caseId: input.caseId,
    stage: 'awaiting_adulthood',
    pathway: null,
    division: input.division,
    institutionId: input.institutionId,
    adulthoodDate: input.adulthoodDate,
    adulthoodAt: input.adulthoodAt,
    facts: input.facts,
    assessment: null,
    recommendation: null,
    proposal: null,
    reviews: [],
    recognition: null,
    subsidy: null,
    tasks: [],
    withdrawal: null,
    corrections: [],
    deferredUntil: null,
    pathwayPlannedAt: null,
    placedAt: null,
    supportedSince: null,
    eventSeq: 0,
  };
}

export function nowIso(): string {
  return new Date().toISOString();
}

export function todayInShanghai(): string {
  return shanghaiDateOf(new Date());
}

export class CaseProcess {
  readonly recorder: CaseRecorder;
  readonly board: TaskBoard;
  private durationsPolicy: Durations | null = null;
  /** Bumped when a correction moves a date the current stage is waiting for. */
  scheduleVersion = 0;
  /** True once the loop first waits for time or people: the case has taken its first steps. */
  settled = false;
  /** Set when a payment attempt is approved and not yet sent to the gateway. */
  paymentDue = false;

  constructor(readonly state: CaseState) {
    this.recorder = new CaseRecorder(state);
    this.board = new TaskBoard(state, this.recorder, () => {
      if (!this.durationsPolicy) throw new Error('durations policy not loaded');
      return this.durationsPolicy;
    });
  }

  /** Reads the durations policy in force today for the case's division (recorded where used). */
  async refreshDurations(): Promise<Durations> {
    const loaded = await policy.loadPolicy({
      name: 'durations',
      division: this.state.division,
      asOf: todayInShanghai(),
    });
    this.durationsPolicy = loaded;
    return loaded;
  }

  async setStage(
    stage: Stage,
    actor: Actor,
    data: Record<string, unknown> = {},
    tasks: CaseTask[] = [],
  ): Promise<void> {
    const from = this.state.stage;
    this.state.stage = stage;
    await this.recorder.record('stage.changed', actor, { from, to: stage, ...data }, tasks);
  }

  /** Changes stage and opens the stage's tasks as one event, so no reader sees one without the other. */
  async enterStageWithTasks(
    stage: Stage,
    actor: Actor,
    data: Record<string, unknown>,
    specs: TaskSpec[],
    changed: CaseTask[] = [],
  ): Promise<void> {
    const { created, data: taskData } = await this.board.prepare(specs);
    await this.setStage(stage, actor, { ...data, ...taskData }, [...changed, ...created]);
    this.board.supervise(created);
  }

  private async shift(from: string, duration: PolicyDuration, before = false): Promise<string> {
    const [d] = await policy.computeDeadlines({ items: [{ from, duration, before }] });
    return d!.at;
  }

  /** Waits for a moment unless the stage changes or a correction moves the date. */
  private async waitInStage(at: string): Promise<'due' | 'interrupted'> {
    const stage = this.state.stage;
    const version = this.scheduleVersion;
    if (Date.parse(at) > Date.now()) this.settled = true;
    const stopped = await waitUntil(at, () => this.state.stage !== stage || this.scheduleVersion !== version);
    return stopped ? 'interrupted' : 'due';
  }

  private stageChanged(stage: Stage): Promise<void> {
    this.settled = true;
    return condition(() => this.state.stage !== stage);
  }

  /** Runs until the case ends ('finished') or an annual review cycle ends ('continue'). */
  async run(registeredBy: Actor, resumed: boolean): Promise<'finished' | 'continue'> {
    await this.refreshDurations();
    if (resumed) this.board.superviseOpen();
    if (!resumed) {
      await this.recorder.record('case.registered', registeredBy, {
        division: this.state.division,
        institutionId: this.state.institutionId,
        adulthoodDate: this.state.adulthoodDate,
        facts: this.state.facts,
      });
    }
    while (this.state.stage !== 'closed' && this.state.stage !== 'withdrawn') {
      await this.runStage(this.state.stage);
      if (this.reviewCycleEnded) {
        await this.recorder.flushed();
        return 'continue';
      }
    }
    await this.recorder.flushed();
    return 'finished';
  }

  private async runStage(stage: Stage): Promise<void> {
    switch (stage) {
      case 'awaiting_adulthood':
        return this.awaitTransitionPlanning();
      case 'transition_planning':
        return this.awaitAdulthood();
      case 'deferred':
        return this.awaitReassessment();
      case 'social_placement':
        return this.runSocialPlacement();
      case 'destitute_support':
        return this.runDestituteSupport();
      case 'placed':
        return this.runFollowUps();
      case 'supported':
        return this.runAnnualReview();
      case 'assessment':
      case 'review':
        // Waiting for people: the institution's assessment and proposal, civil affairs' review.
        return this.stageChanged(stage);
      case 'closed':
      case 'withdrawn':
        return;
    }
  }

  private async awaitTransitionPlanning(): Promise<void> {
    const { ref, body } = await this.refreshDurations();
    const planningAt = await this.shift(this.state.adulthoodAt, body.transitionLeadTime, true);
    if ((await this.waitInStage(planningAt)) === 'interrupted') return;
    if (Date.now() >= Date.parse(this.state.adulthoodAt)) {
      await this.enterAssessment(SYSTEM_ACTOR, 'adulthood reached');
      return;
    }
    await this.enterStageWithTasks(
      'transition_planning',
      SYSTEM_ACTOR,
      { adulthoodAt: this.state.adulthoodAt, leadTime: body.transitionLeadTime, leadTimePolicy: ref },
      [
        {
          kind: 'transition_preparation',
          assigneeRole: 'institution',
          department: null,
          required: false,
          dueAt: this.state.adulthoodAt,
          details: { checklist: [...TRANSITION_CHECKLIST] },
        },
      ],
    );
  }

  private async awaitAdulthood(): Promise<void> {
    if ((await this.waitInStage(this.state.adulthoodAt)) === 'interrupted') return;
    await this.enterAssessment(SYSTEM_ACTOR, 'adulthood reached');
  }

  /** Into assessment: a fresh task for the institution to assess the youth and propose. */
  async enterAssessment(actor: Actor, why: string, details: Record<string, unknown> = {}): Promise<void> {
    await this.refreshDurations();
    await this.enterStageWithTasks('assessment', actor, { why }, [
      {
        kind: 'assessment',
        assigneeRole: 'institution',
        department: null,
        required: true,
        details: { why, ...details },
      },
    ]);
  }

  private async awaitReassessment(): Promise<void> {
    const { body } = await this.refreshDurations();
    const until = this.state.deferredUntil;
    if (!until) return this.enterAssessment(SYSTEM_ACTOR, 'deferral had no end date');
    const wakeAt = await this.shift(startOfShanghaiDay(until).toISOString(), body.reassessmentLeadTime, true);
    if ((await this.waitInStage(wakeAt)) === 'interrupted') return;
    this.state.deferredUntil = null;
    await this.enterAssessment(SYSTEM_ACTOR, 'full-time education ends: reassessment');
  }

  /** Approved: the pathway's stage, its coordination tasks, and (social placement) the subsidy. */
  async enterPathway(pathway: Pathway, actor: Actor): Promise<void> {
    const { body: plan, ref } = await policy.loadPolicy({
      name: 'task_plan',
      division: this.state.division,
      asOf: todayInShanghai(),
    });
    await this.refreshDurations();
    const facts = this.state.facts;
    const needs = this.state.assessment?.needs ?? {};
    const items = planTasks(plan, pathway, {
      hukouType: facts.hukouType,
      disabled: facts.disability !== null,
      inEducation: facts.inFullTimeEducationUntil !== null && facts.inFullTimeEducationUntil >= todayInShanghai(),
      needs,
    });
    if (pathway === 'social_placement') await this.computeSubsidy(actor);
    const specs: TaskSpec[] = items.map((i) => ({
      kind: i.kind,
      assigneeRole: 'department',
      department: i.department,
      required: true,
      details: i.department === 'finance' ? { completedBy: 'disbursement' } : {},
    }));
    if (pathway === 'social_placement' && !facts.hasBankAccount) {
      specs.push({ kind: 'provide_bank_account', assigneeRole: 'institution', department: null, required: true });
    }
    await this.board.open(specs, actor, 'pathway.tasks_planned');
    this.state.pathwayPlannedAt = nowIso();
    await this.recorder.record('pathway.planned', actor, {
      pathway,
      taskPlanPolicy: ref,
      kinds: items.map((i) => i.kind),
    });
  }

  private async computeSubsidy(actor: Actor): Promise<void> {
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

  /** The pathway's plan is in place and every task it requires is done (or was cancelled). */
  private requiredDone(): boolean {
    if (this.state.pathwayPlannedAt === null) return false;
    return this.state.tasks.filter((t) => t.required).every((t) => t.status === 'done' || t.status === 'cancelled');
  }

  private async runSocialPlacement(): Promise<void> {
    const stage = this.state.stage;
    this.settled = true;
    for (;;) {
      await condition(
        () =>
          this.state.stage !== stage ||
          this.paymentDue ||
          (this.requiredDone() && this.state.subsidy?.status === 'paid'),
      );
      if (this.state.stage !== stage) return;
      if (this.paymentDue) {
        await this.pay();
        continue;
      }
      this.state.placedAt = nowIso();
      await this.setStage('placed', SYSTEM_ACTOR, { placedAt: this.state.placedAt });
      return;
    }
  }

  /** One payment attempt; the idempotency key names the case and the attempt. */
  private async pay(): Promise<void> {
    this.paymentDue = false;
    const subsidy = this.state.subsidy!;
    const approvedBy = this.lastApprover ?? SYSTEM_ACTOR;
    const idempotencyKey = `${this.state.caseId}:subsidy:${subsidy.attempt}`;
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
      await this.recorder.record('subsidy.awaiting_confirmation', SYSTEM_ACTOR, {
        attempt: subsidy.attempt,
        idempotencyKey,
      });
      return;
    }
    if (outcome.status === 'paid') {
      await this.markPaid(SYSTEM_ACTOR, { bankReference: outcome.bankReference, voucherNo: null });
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
      SYSTEM_ACTOR,
      { attempt: subsidy.attempt, idempotencyKey, reason: outcome.reason, ...data },
      created,
    );
    this.board.supervise(created);
  }

  lastApprover: Actor | null = null;

  async markPaid(actor: Actor, proof: { bankReference: string | null; voucherNo: string | null }): Promise<void> {
    const subsidy = this.state.subsidy!;
    subsidy.status = 'paid';
    subsidy.bankReference = proof.bankReference;
    subsidy.voucherNo = proof.voucherNo;
    subsidy.failureReason = null;
    const financeTask = this.board.openOfKind('subsidy_disbursement');
    if (financeTask)
      this.board.closeQuietly(financeTask, 'done', actor, 'paid', proof.voucherNo ?? proof.bankReference);
    await this.recorder.record(
      'subsidy.paid',
      actor,
      { attempt: subsidy.attempt, amountFen: subsidy.amountFen, ...proof },
      financeTask ? [financeTask] : [],
    );
  }

  private async runDestituteSupport(): Promise<void> {
    const stage = this.state.stage;
    this.settled = true;
    await condition(() => this.state.stage !== stage || this.requiredDone());
    if (this.state.stage !== stage) return;
    this.state.supportedSince = todayInShanghai();
    await this.setStage('supported', SYSTEM_ACTOR, { supportedSince: this.state.supportedSince });
  }

  /** Follow-up visits by civil affairs at 3, 6 and 12 months (policy), then closure. */
  private async runFollowUps(): Promise<void> {
    const { body, ref } = await this.refreshDurations();
    const placedAt = this.state.placedAt ?? nowIso();
    const visits = body.followUpsAfterPlacement;
    for (let i = this.state.tasks.filter((t) => t.kind === 'follow_up_visit').length; i < visits.length; i++) {
      const at = await this.shift(placedAt, visits[i]!);
      if ((await this.waitInStage(at)) === 'interrupted') return;
      await this.board.open(
        [
          {
            kind: 'follow_up_visit',
            assigneeRole: 'department',
            department: 'civil_affairs',
            required: true,
            details: { visit: i + 1, of: visits.length, after: visits[i], durationsPolicy: ref },
          },
        ],
        SYSTEM_ACTOR,
      );
    }
    await condition(
      () =>
        this.state.stage !== 'placed' ||
        this.state.tasks.filter((t) => t.kind === 'follow_up_visit').every((t) => !isOpen(t)),
    );
    if (this.state.stage !== 'placed') return;
    await this.setStage('closed', SYSTEM_ACTOR, { why: 'follow-up visits completed' });
  }

  /** 特困 status is reviewed every year; a review that ends it closes the case. */
  private async runAnnualReview(): Promise<void> {
    const { body } = await this.refreshDurations();
    const reviews = this.state.tasks.filter((t) => t.kind === 'destitute_annual_review');
    const last = reviews[reviews.length - 1];
    const since = last?.completedAt ?? startOfShanghaiDay(this.state.supportedSince ?? todayInShanghai()).toISOString();
    if (!last || !isOpen(last)) {
      const at = await this.shift(since, body.destituteReviewInterval);
      if ((await this.waitInStage(at)) === 'interrupted') return;
      await this.board.open(
        [{ kind: 'destitute_annual_review', assigneeRole: 'department', department: 'civil_affairs', required: true }],
        SYSTEM_ACTOR,
      );
    }
    const review = this.board.openOfKind('destitute_annual_review');
    await condition(() => this.state.stage !== 'supported' || !review || !isOpen(review));
    if (this.state.stage !== 'supported' || !review) return;
    if (review.outcome === 'end')
      await this.setStage('closed', SYSTEM_ACTOR, { why: 'destitute status ended at annual review' });
    else this.reviewCycleEnded = true;
  }

  /** Set after each completed annual review: the workflow continues as new to bound its history. */
  reviewCycleEnded = false;
}
