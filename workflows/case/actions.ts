// Every human action on a case is an Update. Its validator refuses an action that does not fit
// the stage, the actor or the task before anything enters history; its handler re-checks (two
// updates can pass validation together), changes the state synchronously, then records it.
import type { UpdateDefinition } from '@temporalio/common';
import { condition, setHandler } from '@temporalio/workflow';
import { divisionCovers } from '../../domain/divisions.js';
import { recommendPathway } from '../../domain/recommendation.js';
import { payments, policy, records } from './activities.js';
import type { CaseProcess } from './caseProcess.js';
import { nowIso, todayInShanghai } from './caseProcess.js';
import { ACTIVE_STAGES, refuse, requireActor, requireAssignedTask, requireStage, requireText } from './checks.js';
import {
  type ActionBase,
  type CaseState,
  PATHWAYS,
  REFUSAL,
  type Stage,
  SYSTEM_ACTOR,
  WITHDRAWAL_REASONS,
  approveDisbursementUpdate,
  blockTaskUpdate,
  caseStateQuery,
  settledUpdate,
  completeTaskUpdate,
  confirmDisbursementUpdate,
  correctCaseUpdate,
  reassignTaskUpdate,
  reviewProposalUpdate,
  submitAssessmentUpdate,
  submitProposalUpdate,
  withdrawCaseUpdate,
} from './definitions.js';
import { isOpen } from './taskBoard.js';

/** Stages after an assessment, where a change of eligibility sends the case back to assessment. */
const ELIGIBILITY_RESET_STAGES: readonly Stage[] = ['assessment', 'review', 'social_placement', 'destitute_support'];
const ELIGIBILITY_FACTS = ['hukouType', 'disability', 'seriousIllness', 'inFullTimeEducationUntil'] as const;

function action<A extends ActionBase>(
  proc: CaseProcess,
  def: UpdateDefinition<CaseState, [A]>,
  check: (a: A) => void,
  apply: (a: A) => Promise<void>,
): void {
  setHandler(
    def,
    async (a: A) => {
      check(a);
      await apply(a);
      return proc.state;
    },
    { validator: check },
  );
}

export function registerActions(proc: CaseProcess): void {
  const s = proc.state;
  const board = proc.board;
  setHandler(caseStateQuery, () => s);
  setHandler(settledUpdate, async () => {
    await condition(() => proc.settled);
    await proc.recorder.flushed();
    return s;
  });

  action(
    proc,
    submitAssessmentUpdate,
    ({ actor, assessment }) => {
      requireActor(s, actor, 'case.assess');
      requireStage(s, ['assessment'], 'submit an assessment');
      requireText(assessment.basis, 'basis');
      const until = assessment.inFullTimeEducationUntil;
      if (until != null && !/^\d{4}-\d{2}-\d{2}$/.test(until)) refuse(REFUSAL.validation, 'inFullTimeEducationUntil must be a date YYYY-MM-DD');
    },
    async ({ actor, assessment }) => {
      const until = assessment.inFullTimeEducationUntil ?? null;
      s.assessment = { ...assessment, submittedBy: actor, submittedAt: nowIso() };
      s.proposal = null;
      if (until !== null && until > todayInShanghai()) {
        // Still in full-time education: defer until it ends, then reassess.
        s.facts.inFullTimeEducationUntil = until;
        s.deferredUntil = until;
        s.recommendation = null;
        const task = board.openOfKind('assessment');
        if (task) board.closeQuietly(task, 'done', actor, 'deferred', `in full-time education until ${until}`);
        await proc.setStage('deferred', actor, { until }, task ? [task] : []);
        return;
      }
      const { ref, body } = await policy.loadPolicy({ name: 'destitute_criteria', division: s.division, asOf: todayInShanghai() });
      const rule = recommendPathway(
        {
          canLiveIndependently: assessment.canLiveIndependently,
          hasIncome: assessment.hasIncome,
          hasLegalSupporter: assessment.hasLegalSupporter ?? false,
          wishes: assessment.wishes,
          selfCare: assessment.selfCare,
          disability: s.facts.disability,
          seriousIllness: s.facts.seriousIllness,
        },
        body,
      );
      s.recommendation = { ...rule, policy: ref };
      await proc.recorder.record('assessment.submitted', actor, { assessment: s.assessment, recommendation: s.recommendation });
    },
  );

  action(
    proc,
    submitProposalUpdate,
    ({ actor, pathway, reason }) => {
      requireActor(s, actor, 'case.propose');
      requireStage(s, ['assessment'], 'submit a proposal');
      if (!s.recommendation) refuse(REFUSAL.invalidStage, 'submit the assessment before the proposal');
      if (!PATHWAYS.includes(pathway)) refuse(REFUSAL.validation, `pathway must be one of ${PATHWAYS.join(', ')}`);
      if (pathway !== s.recommendation.pathway && (reason == null || reason.trim() === '')) {
        refuse(REFUSAL.validation, `reason is required: the proposal ${pathway} differs from the recommendation ${s.recommendation.pathway}`);
      }
    },
    async ({ actor, pathway, reason }) => {
      const differs = pathway !== s.recommendation!.pathway;
      s.proposal = { pathway, reason: reason ?? null, differsFromRecommendation: differs, submittedBy: actor, submittedAt: nowIso() };
      const task = board.openOfKind('assessment');
      if (task) board.closeQuietly(task, 'done', actor, 'proposal submitted', null);
      await proc.enterStageWithTasks('review', actor, { proposal: s.proposal }, [{ kind: 'review', assigneeRole: 'department', department: 'civil_affairs', required: true, details: { pathway } }], task ? [task] : []);
    },
  );

  action(
    proc,
    reviewProposalUpdate,
    ({ actor, decision, comment }) => {
      requireActor(s, actor, 'case.review');
      requireStage(s, ['review'], 'review a proposal');
      if (!['approve', 'reject', 'return'].includes(decision)) refuse(REFUSAL.validation, 'decision must be approve, reject or return');
      requireText(comment, 'comment');
    },
    async ({ actor, decision, comment }) => {
      const pathway = s.proposal!.pathway;
      const at = nowIso();
      s.reviews.push({ decision, comment, pathway, reviewedBy: actor, reviewedAt: at });
      const task = board.openOfKind('review');
      if (task) board.closeQuietly(task, 'done', actor, decision, comment);
      if (decision === 'approve') {
        s.pathway = pathway;
        const stage: Stage = pathway === 'social_placement' ? 'social_placement' : 'destitute_support';
        // Approval of destitute support is civil affairs' recognition of 特困 status.
        if (stage === 'destitute_support') s.recognition = { recognisedBy: actor, recognisedAt: at };
        await proc.setStage(stage, actor, { decision, comment, pathway }, task ? [task] : []);
        await proc.enterPathway(pathway, actor);
        return;
      }
      // Reject: a new assessment. Return: the institution supplements and proposes again.
      s.proposal = null;
      if (decision === 'reject') {
        s.assessment = null;
        s.recommendation = null;
      }
      await proc.recorder.record('review.decided', actor, { decision, comment, pathway }, task ? [task] : []);
      await proc.enterAssessment(actor, decision === 'reject' ? 'proposal rejected' : 'returned for more information', { comment });
    },
  );

  action(
    proc,
    approveDisbursementUpdate,
    ({ actor }) => {
      requireActor(s, actor, 'disbursement.approve');
      requireStage(s, ['social_placement'], 'approve the disbursement');
      if (!s.subsidy) refuse(REFUSAL.invalidStage, 'no subsidy has been computed for this case');
      if (s.subsidy.status !== 'computed') refuse(REFUSAL.conflict, `the subsidy is already ${s.subsidy.status}`);
      if (!s.facts.hasBankAccount) refuse(REFUSAL.invalidStage, 'no bank account on file: the institution must add one first');
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
      if (s.subsidy?.status !== 'approved' || proc.paymentDue) refuse(REFUSAL.invalidStage, 'no approved payment is waiting for confirmation');
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

  action(
    proc,
    completeTaskUpdate,
    ({ actor, taskId, outcome, note }) => {
      const task = requireAssignedTask(s, actor, taskId);
      requireText(outcome, 'outcome', 200);
      if (typeof note !== 'string' || note.length > 2000) refuse(REFUSAL.validation, 'note must be a string of at most 2000 characters');
      if (task.department === 'finance' && task.kind === 'subsidy_disbursement') {
        refuse(REFUSAL.invalidStage, 'the disbursement task completes when the payment is made: approve and confirm the disbursement');
      }
      if (task.kind === 'assessment' || task.kind === 'review') {
        refuse(REFUSAL.invalidStage, `the ${task.kind} task completes with the ${task.kind === 'assessment' ? 'assessment and proposal' : 'review decision'}`);
      }
      if (task.kind === 'destitute_annual_review' && outcome !== 'continue' && outcome !== 'end') {
        refuse(REFUSAL.validation, 'outcome of an annual review must be continue or end');
      }
    },
    async ({ actor, taskId, outcome, note }) => {
      const task = board.find(taskId)!;
      await board.close(task, 'done', actor, outcome, note);
      if (task.kind === 'correct_bank_account' || task.kind === 'provide_bank_account') await retryPaymentIfFailed(proc);
    },
  );

  action(
    proc,
    blockTaskUpdate,
    ({ actor, taskId, reason }) => {
      const task = requireAssignedTask(s, actor, taskId);
      requireText(reason, 'reason');
      if (task.status === 'blocked') refuse(REFUSAL.conflict, `task ${taskId} is already blocked`);
    },
    async ({ actor, taskId, reason }) => {
      const task = board.find(taskId)!;
      task.status = 'blocked';
      task.blockReason = reason;
      await proc.recorder.record('task.blocked', actor, { taskId, kind: task.kind, reason }, [task]);
      await board.escalate(task, 'blocked');
    },
  );

  action(
    proc,
    reassignTaskUpdate,
    ({ actor, taskId, assigneeSub, division, reason }) => {
      const task = requireAssignedTask(s, actor, taskId);
      requireText(reason, 'reason');
      if (task.assigneeRole === 'institution') refuse(REFUSAL.invalidStage, 'institution tasks are not reassigned');
      if (division != null && (!/^\d{6}$/.test(division) || !divisionCovers(actor.division, division))) refuse(REFUSAL.forbidden, `division ${division} is outside ${actor.division}`);
      if (assigneeSub == null && division == null) refuse(REFUSAL.validation, 'give assigneeSub, division or both');
    },
    async ({ actor, taskId, assigneeSub, division, reason }) => {
      const task = board.find(taskId)!;
      if (division != null) task.division = division;
      task.assigneeSub = assigneeSub;
      await proc.recorder.record('task.reassigned', actor, { taskId, kind: task.kind, division: task.division, assigneeSub, reason }, [task]);
    },
  );

  action(
    proc,
    withdrawCaseUpdate,
    ({ actor, reason, note }) => {
      requireActor(s, actor, 'case.withdraw');
      requireStage(s, ACTIVE_STAGES, 'withdraw the case');
      if (!WITHDRAWAL_REASONS.includes(reason)) refuse(REFUSAL.validation, `reason must be one of ${WITHDRAWAL_REASONS.join(', ')}`);
      if (typeof note !== 'string') refuse(REFUSAL.validation, 'note must be a string');
    },
    async ({ actor, reason, note }) => {
      s.withdrawal = { reason, note, withdrawnBy: actor, withdrawnAt: nowIso() };
      const cancelled = board.cancelAllOpen(actor, `case withdrawn: ${reason}`);
      await proc.setStage('withdrawn', actor, { reason, note, cancelledTasks: cancelled.map((t) => t.taskId) }, cancelled);
    },
  );

  action(
    proc,
    correctCaseUpdate,
    ({ actor, fields, reason, division }) => {
      requireActor(s, actor, 'case.correct');
      requireStage(s, ACTIVE_STAGES, 'correct the case');
      requireText(reason, 'reason');
      if (!Array.isArray(fields) || fields.length === 0) refuse(REFUSAL.validation, 'changes must name at least one field');
      if (division != null && !/^\d{6}$/.test(division)) refuse(REFUSAL.validation, 'division must be a six-digit code');
    },
    async (c) => {
      const before = JSON.stringify(ELIGIBILITY_FACTS.map((k) => s.facts[k]));
      Object.assign(s.facts, c.facts ?? {});
      const eligibilityChanged = before !== JSON.stringify(ELIGIBILITY_FACTS.map((k) => s.facts[k]));
      const moved: string[] = [];
      if (c.division != null && c.division !== s.division) {
        // The case moves with the youth, and its open tasks move to the same departments there.
        for (const t of s.tasks.filter(isOpen)) {
          t.division = c.division;
          moved.push(t.taskId);
        }
        s.division = c.division;
      }
      if (c.adulthoodDate && c.adulthoodAt && c.adulthoodAt !== s.adulthoodAt) {
        s.adulthoodDate = c.adulthoodDate;
        s.adulthoodAt = c.adulthoodAt;
        proc.scheduleVersion += 1;
      }
      await records.applyCorrection({ correctionId: c.correctionId });
      s.corrections.push({ correctionId: c.correctionId, fields: c.fields, reason: c.reason, eligibilityChanged, correctedBy: c.actor, correctedAt: nowIso() });
      const touched = s.tasks.filter((t) => moved.includes(t.taskId));
      await proc.recorder.record('case.corrected', c.actor, { correctionId: c.correctionId, fields: c.fields, reason: c.reason, eligibilityChanged, movedTasks: moved }, touched);
      if (c.facts?.hasBankAccount) {
        const pending = board.openOfKind('provide_bank_account') ?? board.openOfKind('correct_bank_account');
        if (pending) {
          await board.close(pending, 'done', c.actor, 'bank account updated', c.reason);
          await retryPaymentIfFailed(proc);
        }
      }
      if (eligibilityChanged && ELIGIBILITY_RESET_STAGES.includes(s.stage) && (s.stage !== 'assessment' || s.recommendation)) {
        s.assessment = null;
        s.recommendation = null;
        s.proposal = null;
        s.pathway = null;
        s.pathwayPlannedAt = null;
        if (s.subsidy && s.subsidy.status !== 'paid') s.subsidy = null;
        const cancelled = board.cancelAllOpen(c.actor, 'eligibility changed by a correction');
        await proc.recorder.record('case.eligibility_changed', c.actor, { correctionId: c.correctionId, cancelledTasks: cancelled.map((t) => t.taskId) }, cancelled);
        await proc.enterAssessment(c.actor, 'a correction changed eligibility', { correctionId: c.correctionId });
      }
    },
  );
}

/** After a rejected payment, a corrected account means a new attempt under a new key. */
async function retryPaymentIfFailed(proc: CaseProcess): Promise<void> {
  const subsidy = proc.state.subsidy;
  if (!subsidy || subsidy.status !== 'failed') return;
  subsidy.status = 'approved';
  subsidy.attempt += 1;
  proc.paymentDue = true;
  await proc.recorder.record('subsidy.retry_scheduled', SYSTEM_ACTOR, { attempt: subsidy.attempt });
}
