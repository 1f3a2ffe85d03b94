// Changes to the case itself: withdrawal, and corrections (which may move the case or send it
// back to assessment when they change eligibility).
import { ACTIVE_STAGES, type Stage, WITHDRAWAL_REASONS } from '../../../domain/vocabulary.js';
import { records } from '../activities.js';
import type { CaseProcess } from '../caseProcess.js';
import { refuse, requireOneOf, requirePermission, requireStage, requireText } from '../checks.js';
import { correctCaseUpdate, withdrawCaseUpdate } from '../definitions.js';
import { isOpen } from '../taskBoard.js';
import { nowIso } from '../time.js';
import { registerAction } from './action.js';

/** Stages after an assessment, where a change of eligibility sends the case back to assessment. */
const ELIGIBILITY_RESET_STAGES: readonly Stage[] = ['assessment', 'review', 'social_placement', 'destitute_support'];
const ELIGIBILITY_FACTS = ['hukouType', 'disability', 'seriousIllness', 'inFullTimeEducationUntil'] as const;

export function registerCaseChanges(caseProcess: CaseProcess): void {
  const { state, board, recorder, disbursement } = caseProcess;

  registerAction(
    caseProcess,
    withdrawCaseUpdate,
    ({ actor, reason, note }) => {
      requirePermission(state, actor, 'case.withdraw');
      requireStage(state, ACTIVE_STAGES, 'withdraw the case');
      requireOneOf(reason, WITHDRAWAL_REASONS, 'reason');
      if (typeof note !== 'string') refuse('VALIDATION_FAILED', 'note must be a string');
    },
    async ({ actor, reason, note }) => {
      state.withdrawal = { reason, note, withdrawnBy: actor, withdrawnAt: nowIso() };
      const cancelled = board.cancelAllOpen(actor, `case withdrawn: ${reason}`);
      await caseProcess.setStage(
        'withdrawn',
        actor,
        { reason, note, cancelledTasks: cancelled.map((t) => t.taskId) },
        cancelled,
      );
    },
  );

  registerAction(
    caseProcess,
    correctCaseUpdate,
    ({ actor, fields, reason, division }) => {
      requirePermission(state, actor, 'case.correct');
      requireStage(state, ACTIVE_STAGES, 'correct the case');
      requireText(reason, 'reason');
      if (!Array.isArray(fields) || fields.length === 0)
        refuse('VALIDATION_FAILED', 'changes must name at least one field');
      if (division != null && !/^\d{6}$/.test(division))
        refuse('VALIDATION_FAILED', 'division must be a six-digit code');
    },
    async (correction) => {
      const { actor, correctionId } = correction;
      const before = JSON.stringify(ELIGIBILITY_FACTS.map((k) => state.facts[k]));
      Object.assign(state.facts, correction.facts ?? {});
      const eligibilityChanged = before !== JSON.stringify(ELIGIBILITY_FACTS.map((k) => state.facts[k]));
      const moved: string[] = [];
      if (correction.division != null && correction.division !== state.division) {
        // The case moves with the youth, and its open tasks move to the same departments there.
        for (const task of state.tasks.filter(isOpen)) {
          task.division = correction.division;
          moved.push(task.taskId);
        }
        state.division = correction.division;
      }
      if (correction.adulthoodDate && correction.adulthoodAt && correction.adulthoodAt !== state.adulthoodAt) {
        state.adulthoodDate = correction.adulthoodDate;
        state.adulthoodAt = correction.adulthoodAt;
        caseProcess.scheduleVersion += 1;
      }
      await records().applyCorrection({ correctionId });
      state.corrections.push({
        correctionId,
        fields: correction.fields,
        reason: correction.reason,
        eligibilityChanged,
        correctedBy: actor,
        correctedAt: nowIso(),
      });
      const touched = state.tasks.filter((t) => moved.includes(t.taskId));
      await recorder.record(
        'case.corrected',
        actor,
        { correctionId, fields: correction.fields, reason: correction.reason, eligibilityChanged, movedTasks: moved },
        touched,
      );
      if (correction.facts?.hasBankAccount) {
        const pending = board.openOfKind('provide_bank_account') ?? board.openOfKind('correct_bank_account');
        if (pending) {
          await board.close(pending, 'done', actor, 'bank account updated', correction.reason);
          await disbursement.retryIfRejected();
        }
      }
      if (
        eligibilityChanged &&
        ELIGIBILITY_RESET_STAGES.includes(state.stage) &&
        (state.stage !== 'assessment' || state.recommendation)
      ) {
        state.assessment = null;
        state.recommendation = null;
        state.proposal = null;
        state.pathway = null;
        state.pathwayPlannedAt = null;
        if (state.subsidy && state.subsidy.status !== 'paid') state.subsidy = null;
        const cancelled = board.cancelAllOpen(actor, 'eligibility changed by a correction');
        await recorder.record(
          'case.eligibility_changed',
          actor,
          { correctionId, cancelledTasks: cancelled.map((t) => t.taskId) },
          cancelled,
        );
        await caseProcess.enterAssessment(actor, 'a correction changed eligibility', { correctionId });
      }
    },
  );
}
