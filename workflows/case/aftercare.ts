// After the pathway: follow-up visits once a youth is placed, annual reviews while one is supported
// as a destitute person (特困). Both are timed by the durations policy and end in closure.
import { condition } from '@temporalio/workflow';
import { SYSTEM_PRINCIPAL } from '../../domain/access.js';
import { startOfShanghaiDay } from '../../domain/shanghaiDates.js';
import type { CaseProcess } from './caseProcess.js';
import { policy } from './activities.js';
import { PATCHES, changed } from './patches.js';
import { isOpen } from './taskBoard.js';
import { deadline, nowIso, todayInShanghai } from './time.js';

/** Follow-up visits by civil affairs at 3, 6 and 12 months (policy), then closure. */
export async function runFollowUps(caseProcess: CaseProcess): Promise<void> {
  const { state, board } = caseProcess;
  const { body, ref } = await caseProcess.refreshDurations();
  const placedAt = state.placedAt ?? nowIso();
  const visits = body.followUpsAfterPlacement;
  const opened = state.tasks.filter((t) => t.kind === 'follow_up_visit').length;
  // The visit tasks open only when each visit falls due: record the plan at placement, so that civil
  // affairs and auditors see from the first day when each visit is due and under which policy.
  if (opened === 0 && visits.length > 0 && changed(PATCHES.aftercarePlan)) {
    const due = await policy.computeDeadlines({ items: visits.map((duration) => ({ from: placedAt, duration })) });
    await caseProcess.recorder.record('aftercare.planned', SYSTEM_PRINCIPAL, {
      visits: due.map((d, i) => ({ visit: i + 1, dueAt: d.at, after: visits[i] })),
      durationsPolicy: ref,
    });
  }
  for (let i = opened; i < visits.length; i++) {
    const at = await deadline(placedAt, visits[i]!);
    if ((await caseProcess.waitInStage(at)) === 'interrupted') return;
    await board.open(
      [
        {
          kind: 'follow_up_visit',
          assigneeRole: 'department',
          department: 'civil_affairs',
          required: true,
          details: { visit: i + 1, of: visits.length, after: visits[i], durationsPolicy: ref },
        },
      ],
      SYSTEM_PRINCIPAL,
    );
  }
  await condition(
    () => state.stage !== 'placed' || state.tasks.filter((t) => t.kind === 'follow_up_visit').every((t) => !isOpen(t)),
  );
  if (state.stage !== 'placed') return;
  await caseProcess.setStage('closed', SYSTEM_PRINCIPAL, { why: 'follow-up visits completed' });
}

/** 特困 status is reviewed every year; a review that ends it closes the case. */
export async function runAnnualReview(caseProcess: CaseProcess): Promise<void> {
  const { state, board } = caseProcess;
  const { body } = await caseProcess.refreshDurations();
  const reviews = state.tasks.filter((t) => t.kind === 'destitute_annual_review');
  const last = reviews[reviews.length - 1];
  const since = last?.completedAt ?? startOfShanghaiDay(state.supportedSince ?? todayInShanghai()).toISOString();
  if (!last || !isOpen(last)) {
    const at = await deadline(since, body.destituteReviewInterval);
    if ((await caseProcess.waitInStage(at)) === 'interrupted') return;
    await board.open(
      [{ kind: 'destitute_annual_review', assigneeRole: 'department', department: 'civil_affairs', required: true }],
      SYSTEM_PRINCIPAL,
    );
  }
  const review = board.openOfKind('destitute_annual_review');
  await condition(() => state.stage !== 'supported' || !review || !isOpen(review));
  if (state.stage !== 'supported' || !review) return;
  if (review.outcome === 'end')
    await caseProcess.setStage('closed', SYSTEM_PRINCIPAL, { why: 'destitute status ended at annual review' });
  else caseProcess.reviewCycleEnded = true;
}
