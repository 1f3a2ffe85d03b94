// Changes to the case itself: withdrawal, and corrections (which may move the case or send it
// back to assessment when they change eligibility).
import { records } from '../activities.js';
import type { CaseProcess } from '../caseProcess.js';
import { nowIso } from '../caseProcess.js';
import { ACTIVE_STAGES, refuse, requireActor, requireStage, requireText } from '../checks.js';
import { REFUSAL, type Stage, WITHDRAWAL_REASONS, correctCaseUpdate, withdrawCaseUpdate } from '../definitions.js';
import { isOpen } from '../taskBoard.js';
import { action } from './action.js';
import { retryPaymentIfFailed } from './retryPayment.js';

/** Stages after an assessment, where a change of eligibility sends the case back to assessment. */
const ELIGIBILITY_RESET_STAGES: readonly Stage[] = ['assessment', 'review', 'social_placement', 'destitute_support'];
const ELIGIBILITY_FACTS = ['hukouType', 'disability', 'seriousIllness', 'inFullTimeEducationUntil'] as const;

export function registerCaseChanges(proc: CaseProcess): void {
  const s = proc.state;
  const board = proc.board;

  action(
    proc,
    withdrawCaseUpdate,
    ({ actor, reason, note }) => {
      requireActor(s, actor, 'case.withdraw');
      requireStage(s, ACTIVE_STAGES, 'withdraw the case');
      if (!WITHDRAWAL_REASONS.includes(reason))
        refuse(REFUSAL.validation, `reason must be one of ${WITHDRAWAL_REASONS.join(', ')}`);
      if (typeof note !== 'string') refuse(REFUSAL.validation, 'note must be a string');
    },
    async ({ actor, reason, note }) => {
      s.withdrawal = { reason, note, withdrawnBy: actor, withdrawnAt: nowIso() };
      const cancelled = board.cancelAllOpen(actor, `case withdrawn: ${reason}`);
      await proc.setStage(
        'withdrawn',
        actor,
        { reason, note, cancelledTasks: cancelled.map((t) => t.taskId) },
        cancelled,
      );
    },
  );

  action(
    proc,
    correctCaseUpdate,
    ({ actor, fields, reason, division }) => {
      requireActor(s, actor, 'case.correct');
      requireStage(s, ACTIVE_STAGES, 'correct the case');
      requireText(reason, 'reason');
      if (!Array.isArray(fields) || fields.length === 0)
        refuse(REFUSAL.validation, 'changes must name at least one field');
      if (division != null && !/^\d{6}$/.test(division))
        refuse(REFUSAL.validation, 'division must be a six-digit code');
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
      s.corrections.push({
        correctionId: c.correctionId,
        fields: c.fields,
        reason: c.reason,
        eligibilityChanged,
        correctedBy: c.actor,
        correctedAt: nowIso(),
      });
      const touched = s.tasks.filter((t) => moved.includes(t.taskId));
      await proc.recorder.record(
        'case.corrected',
        c.actor,
        { correctionId: c.correctionId, fields: c.fields, reason: c.reason, eligibilityChanged, movedTasks: moved },
        touched,
      );
      if (c.facts?.hasBankAccount) {
        const pending = board.openOfKind('provide_bank_account') ?? board.openOfKind('correct_bank_account');
        if (pending) {
          await board.close(pending, 'done', c.actor, 'bank account updated', c.reason);
          await retryPaymentIfFailed(proc);
        }
      }
      if (
        eligibilityChanged &&
        ELIGIBILITY_RESET_STAGES.includes(s.stage) &&
        (s.stage !== 'assessment' || s.recommendation)
      ) {
        s.assessment = null;
        s.recommendation = null;
        s.proposal = null;
        s.pathway = null;
        s.pathwayPlannedAt = null;
        if (s.subsidy && s.subsidy.status !== 'paid') s.subsidy = null;
        const cancelled = board.cancelAllOpen(c.actor, 'eligibility changed by a correction');
        await proc.recorder.record(
          'case.eligibility_changed',
          c.actor,
          { correctionId: c.correctionId, cancelledTasks: cancelled.map((t) => t.taskId) },
          cancelled,
        );
        await proc.enterAssessment(c.actor, 'a correction changed eligibility', { correctionId: c.correctionId });
      }
    },
  );
}
