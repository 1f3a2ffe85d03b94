// The decisions of a case: the institution's assessment and proposal, civil affairs' review.
import { recommendPathway } from '../../../domain/recommendation.js';
import { isValidDate } from '../../../domain/shanghaiDates.js';
import { policy } from '../activities.js';
import type { CaseProcess } from '../caseProcess.js';
import { nowIso, todayInShanghai } from '../caseProcess.js';
import { refuse, requireActor, requireStage, requireText } from '../checks.js';
import {
  PATHWAYS,
  REFUSAL,
  type Stage,
  reviewProposalUpdate,
  submitAssessmentUpdate,
  submitProposalUpdate,
} from '../definitions.js';
import { action } from './action.js';

export function registerDecisions(proc: CaseProcess): void {
  const s = proc.state;
  const board = proc.board;

  action(
    proc,
    submitAssessmentUpdate,
    ({ actor, assessment }) => {
      requireActor(s, actor, 'case.assess');
      requireStage(s, ['assessment'], 'submit an assessment');
      requireText(assessment.basis, 'basis');
      const until = assessment.inFullTimeEducationUntil;
      if (until != null && !isValidDate(until))
        refuse(REFUSAL.validation, `inFullTimeEducationUntil: ${until} is not a real date YYYY-MM-DD`);
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
      const { ref, body } = await policy.loadPolicy({
        name: 'destitute_criteria',
        division: s.division,
        asOf: todayInShanghai(),
      });
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
      await proc.recorder.record('assessment.submitted', actor, {
        assessment: s.assessment,
        recommendation: s.recommendation,
      });
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
        refuse(
          REFUSAL.validation,
          `reason is required: the proposal ${pathway} differs from the recommendation ${s.recommendation.pathway}`,
        );
      }
    },
    async ({ actor, pathway, reason }) => {
      const differs = pathway !== s.recommendation!.pathway;
      s.proposal = {
        pathway,
        reason: reason ?? null,
        differsFromRecommendation: differs,
        submittedBy: actor,
        submittedAt: nowIso(),
      };
      const task = board.openOfKind('assessment');
      if (task) board.closeQuietly(task, 'done', actor, 'proposal submitted', null);
      await proc.enterStageWithTasks(
        'review',
        actor,
        { proposal: s.proposal },
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

  action(
    proc,
    reviewProposalUpdate,
    ({ actor, decision, comment }) => {
      requireActor(s, actor, 'case.review');
      requireStage(s, ['review'], 'review a proposal');
      if (!['approve', 'reject', 'return'].includes(decision))
        refuse(REFUSAL.validation, 'decision must be approve, reject or return');
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
      await proc.enterAssessment(actor, decision === 'reject' ? 'proposal rejected' : 'returned for more information', {
        comment,
      });
    },
  );
}
