// The stages of one youth's case, from registration to closure. Human actions (the Updates in
// actions/) change the state; this loop waits for time and for those changes, and does what each
// stage needs when the case enters it. The stages before assessment (transition planning, the
// birthday, deferral) are comingOfAge.ts, the subsidy's disbursement is subsidyDisbursement.ts,
// the stages after placement or recognition (follow-ups, annual reviews) are aftercare.ts.
import { condition } from '@temporalio/workflow';
import { type Principal, SYSTEM_PRINCIPAL } from '../../domain/access.js';
import { planTasks } from '../../domain/taskPlan.js';
import { type Pathway, type Stage, isTerminalStage } from '../../domain/vocabulary.js';
import { policy } from './activities.js';
import { runAnnualReview, runFollowUps } from './aftercare.js';
import { CaseRecorder } from './caseRecorder.js';
import { awaitAdulthood, awaitReassessment, awaitTransitionPlanning } from './comingOfAge.js';
import type { CaseState, CaseTask } from './state.js';
import { SubsidyDisbursement } from './subsidyDisbursement.js';
import { type Durations, type TaskSpec, TaskBoard } from './taskBoard.js';
import { nowIso, todayInShanghai, waitUntil } from './time.js';

export class CaseProcess {
  readonly recorder: CaseRecorder;
  readonly board: TaskBoard;
  readonly disbursement: SubsidyDisbursement;
  /** Bumped when a correction moves a date the current stage is waiting for. */
  scheduleVersion = 0;
  /** True once the loop first waits for time or people: the case has taken its first steps. */
  settled = false;
  /** Set after each completed annual review: the workflow continues as new to bound its history. */
  reviewCycleEnded = false;
  private durationsPolicy: Durations | null = null;

  constructor(readonly state: CaseState) {
    this.recorder = new CaseRecorder(state);
    this.board = new TaskBoard(state, this.recorder, () => {
      if (!this.durationsPolicy) throw new Error('durations policy not loaded');
      return this.durationsPolicy;
    });
    this.disbursement = new SubsidyDisbursement(state, this.recorder, this.board);
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
    actor: Principal,
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
    actor: Principal,
    data: Record<string, unknown>,
    specs: TaskSpec[],
    changed: CaseTask[] = [],
  ): Promise<void> {
    const { created, data: taskData } = await this.board.prepare(specs);
    await this.setStage(stage, actor, { ...data, ...taskData }, [...changed, ...created]);
    this.board.supervise(created);
  }

  /** Waits for a moment unless the stage changes or a correction moves the date. */
  async waitInStage(at: string): Promise<'due' | 'interrupted'> {
    const stage = this.state.stage;
    const version = this.scheduleVersion;
    if (Date.parse(at) > Date.now()) this.settled = true;
    const stopped = await waitUntil(at, () => this.state.stage !== stage || this.scheduleVersion !== version);
    return stopped ? 'interrupted' : 'due';
  }

  /** Waits for people (an action) to move the case on from this stage. */
  private waitForStageChange(stage: Stage): Promise<void> {
    this.settled = true;
    return condition(() => this.state.stage !== stage);
  }

  /** Runs until the case ends ('finished') or an annual review cycle ends ('continue'). */
  async run(registeredBy: Principal, resumed: boolean): Promise<'finished' | 'continue'> {
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
    while (!isTerminalStage(this.state.stage)) {
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
        return awaitTransitionPlanning(this);
      case 'transition_planning':
        return awaitAdulthood(this);
      case 'deferred':
        return awaitReassessment(this);
      case 'social_placement':
        return this.runSocialPlacement();
      case 'destitute_support':
        return this.runDestituteSupport();
      case 'placed':
        return runFollowUps(this);
      case 'supported':
        return runAnnualReview(this);
      case 'assessment':
      case 'review':
        // Waiting for people: the institution's assessment and proposal, civil affairs' review.
        return this.waitForStageChange(stage);
      case 'closed':
      case 'withdrawn':
        return;
    }
  }

  /** Into assessment: a fresh task for the institution to assess the youth and propose. */
  async enterAssessment(actor: Principal, why: string, details: Record<string, unknown> = {}): Promise<void> {
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

  /** Approved: the pathway's stage, its coordination tasks, and (social placement) the subsidy. */
  async enterPathway(pathway: Pathway, actor: Principal): Promise<void> {
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
    if (pathway === 'social_placement') await this.disbursement.computeSubsidy(actor);
    const specs: TaskSpec[] = items.map((item) => ({
      kind: item.kind,
      assigneeRole: 'department',
      department: item.department,
      required: true,
      details: item.department === 'finance' ? { completedBy: 'disbursement' } : {},
    }));
    if (pathway === 'social_placement' && !facts.hasBankAccount) {
      specs.push({ kind: 'provide_bank_account', assigneeRole: 'institution', department: null, required: true });
    }
    await this.board.open(specs, actor, 'pathway.tasks_planned');
    this.state.pathwayPlannedAt = nowIso();
    await this.recorder.record('pathway.planned', actor, {
      pathway,
      taskPlanPolicy: ref,
      kinds: items.map((item) => item.kind),
    });
  }

  /** The pathway's plan is in place and every task it requires is done (or was cancelled). */
  private requiredDone(): boolean {
    if (this.state.pathwayPlannedAt === null) return false;
    return this.state.tasks.filter((t) => t.required).every((t) => t.status === 'done' || t.status === 'cancelled');
  }

  /** Placed once every required task is done and the subsidy is paid; pays each approved attempt. */
  private async runSocialPlacement(): Promise<void> {
    const stage = this.state.stage;
    this.settled = true;
    for (;;) {
      await condition(
        () =>
          this.state.stage !== stage ||
          this.disbursement.attemptDue ||
          (this.requiredDone() && this.state.subsidy?.status === 'paid'),
      );
      if (this.state.stage !== stage) return;
      if (this.disbursement.attemptDue) {
        await this.disbursement.attemptPayment();
        continue;
      }
      this.state.placedAt = nowIso();
      await this.setStage('placed', SYSTEM_PRINCIPAL, { placedAt: this.state.placedAt });
      return;
    }
  }

  private async runDestituteSupport(): Promise<void> {
    const stage = this.state.stage;
    this.settled = true;
    await condition(() => this.state.stage !== stage || this.requiredDone());
    if (this.state.stage !== stage) return;
    this.state.supportedSince = todayInShanghai();
    await this.setStage('supported', SYSTEM_PRINCIPAL, { supportedSince: this.state.supportedSince });
  }
}
