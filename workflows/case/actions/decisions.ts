// The decisions of a case: the institution's assessment and proposal, civil affairs' review.
import { recommendPathway } from '../../../domain/recommendation.js';
import { isValidDate } from '../../../domain/shanghaiDates.js';
import { PATHWAYS, REVIEW_DECISIONS, type Stage } from '../../../domain/vocabulary.js';
import { policy } from '../activities.js';
import type { CaseProcess } from '../caseProcess.js';
import { refuse, requireOneOf, requirePermission, requireStage, requireText } from '../checks.js';
import { reviewProposalUpdate, submitAssessmentUpdate, submitProposalUpdate } from '../definitions.js';
import { nowIso, todayInShanghai } from '../time.js';
import { registerAction } from './action.js';

export function registerDecisions(caseProcess: CaseProcess): void {
  const { state, board, recorder } = caseProcess;

  registerAction(
    caseProcess,
    submitAssessmentUpdate,
    ({ actor, assessment }) => {
      requirePermission(state, actor, 'case.assess');
      requireStage(state, ['assessment'], 'submit an assessment');
      requireText(assessment.basis, 'basis');
      const until = assessment.inFullTimeEducationUntil;
      if (until != null && !isValidDate(until))
        refuse('VALIDATION_FAILED', `inFullTimeEducationUntil: ${until} is not a real date YYYY-MM-DD`);
    },
    async ({ actor, assessment }) => {
      const until = assessment.inFullTimeEducationUntil ?? null;
      state.assessment = { ...assessment, submittedBy: actor, submittedAt: nowIso() };
      state.proposal = null;
      if (until !== null && until > todayInShanghai()) {
        // Still in full-time education: defer until it ends, then reassess.
        state.facts.inFullTimeEducationUntil = until;
        state.deferredUntil = until;
        state.recommendation = null;
        const task = board.openOfKind('assessment');
        if (task) board.closeWithoutRecording(task, 'done', actor, 'deferred', `in full-time education until ${until}`);
        await caseProcess.setStage('deferred', actor, { until }, task ? [task] : []);
        return;
      }
      const { ref, body } = await policy.loadPolicy({
        name: 'destitute_criteria',
        division: state.division,
        asOf: todayInShanghai(),
      });
      const rule = recommendPathway(
        {
          canLiveIndependently: assessment.canLiveIndependently,
          hasIncome: assessment.hasIncome,
          hasLegalSupporter: assessment.hasLegalSupporter ?? false,
          wishes: assessment.wishes,
          selfCare: assessment.selfCare,
          disability: state.facts.disability,
          seriousIllness: state.facts.seriousIllness,
        },
        body,
      );
      state.recommendation = { ...rule, policy: ref };
      await recorder.record('assessment.submitted', actor, {
        assessment: state.assessment,
        recommendation: state.recommendation,
      });
    },
  );

  registerAction(
    caseProcess,
    submitProposalUpdate,
    ({ actor, pathway, reason }) => {
      requirePermission(state, actor, 'case.propose');
      requireStage(state, ['assessment'], 'submit a proposal');
      if (!state.recommendation) refuse('INVALID_STAGE', 'submit the assessment before the proposal');
      requireOneOf(pathway, PATHWAYS, 'pathway');
      if (pathway !== state.recommendation.pathway && (reason == null || reason.trim() === '')) {
        refuse(
          'VALIDATION_FAILED',
          `reason is required: the proposal ${pathway} differs from the recommendation ${state.recommendation.pathway}`,
        );
      }
    },
    async ({ actor, pathway, reason }) => {
      const differs = pathway !== state.recommendation!.pathway;
      state.proposal = {
        pathway,
        reason: reason ?? null,
        differsFromRecommendation: differs,
        submittedBy: actor,
        submittedAt: nowIso(),
      };
      const task = board.openOfKind('assessment');
      if (task) board.closeWithoutRecording(task, 'done', actor, 'proposal submitted', null);
      await caseProcess.enterStageWithTasks(
        'review',
        actor,
        { proposal: state.proposal },
        [
          {
            kind: 'review',
            assigneeRole: 'department',
            department: 'civil_affairs',
            required: true,
            details: { pathway },
          },
        ],
        task ? [task] : [],
      );
    },
  );

  registerAction(
    caseProcess,
    reviewProposalUpdate,
    ({ actor, decision, comment }) => {
      requirePermission(state, actor, 'case.review');
      requireStage(state, ['review'], 'review a proposal');
      requireOneOf(decision, REVIEW_DECISIONS, 'decision');
      requireText(comment, 'comment');
    },
    async ({ actor, decision, comment }) => {
      const pathway = state.proposal!.pathway;
      const at = nowIso();
      state.reviews.push({ decision, comment, pathway, reviewedBy: actor, reviewedAt: at });
      const task = board.openOfKind('review');
      if (task) board.closeWithoutRecording(task, 'done', actor, decision, comment);
      if (decision === 'approve') {
        state.pathway = pathway;
        const stage: Stage = pathway === 'social_placement' ? 'social_placement' : 'destitute_support';
        // Approval of destitute support is civil affairs' recognition of 特困 status.
        if (stage === 'destitute_support') state.recognition = { recognisedBy: actor, recognisedAt: at };
        await caseProcess.setStage(stage, actor, { decision, comment, pathway }, task ? [task] : []);
        await caseProcess.enterPathway(pathway, actor);
        return;
      }
      // Reject: a new assessment. Return: the institution supplements and proposes again.
      state.proposal = null;
      if (decision === 'reject') {
        state.assessment = null;
        state.recommendation = null;
      }
      await recorder.record('review.decided', actor, { decision, comment, pathway }, task ? [task] : []);
      await caseProcess.enterAssessment(
        actor,
        decision === 'reject' ? 'proposal rejected' : 'returned for more information',
        { comment },
      );
    },
  );
}
