// Before assessment: transition planning at the policy's lead time before the 18th birthday, the
// birthday itself, and a deferral for full-time education that wakes the case for reassessment.
// Each wait ends early when the stage changes or a correction moves the date it waits for.
import { SYSTEM_PRINCIPAL } from '../../domain/access.js';
import { startOfShanghaiDay } from '../../domain/shanghaiDates.js';
import type { CaseProcess } from './caseProcess.js';
import { deadline } from './time.js';

/** What the institution prepares with the youth before the 18th birthday. */
export const TRANSITION_CHECKLIST = [
  'resident_id_card',
  'household_registration_booklet',
  'social_insurance_card',
  'bank_card',
  'education_certificates',
  'medical_records',
] as const;

/** awaiting_adulthood: transition planning opens at the lead time (or assessment, if already adult). */
export async function awaitTransitionPlanning(caseProcess: CaseProcess): Promise<void> {
  const { state } = caseProcess;
  const { ref, body } = await caseProcess.refreshDurations();
  const planningAt = await deadline(state.adulthoodAt, body.transitionLeadTime, true);
  if ((await caseProcess.waitInStage(planningAt)) === 'interrupted') return;
  if (Date.now() >= Date.parse(state.adulthoodAt)) {
    await caseProcess.enterAssessment(SYSTEM_PRINCIPAL, 'adulthood reached');
    return;
  }
  await caseProcess.enterStageWithTasks(
    'transition_planning',
    SYSTEM_PRINCIPAL,
    { adulthoodAt: state.adulthoodAt, leadTime: body.transitionLeadTime, leadTimePolicy: ref },
    [
      {
        kind: 'transition_preparation',
        assigneeRole: 'institution',
        department: null,
        required: false,
        dueAt: state.adulthoodAt,
        details: { checklist: [...TRANSITION_CHECKLIST] },
      },
    ],
  );
}

/** transition_planning: assessment on the 18th birthday. */
export async function awaitAdulthood(caseProcess: CaseProcess): Promise<void> {
  if ((await caseProcess.waitInStage(caseProcess.state.adulthoodAt)) === 'interrupted') return;
  await caseProcess.enterAssessment(SYSTEM_PRINCIPAL, 'adulthood reached');
}

/** deferred: reassessment at the policy's lead time before full-time education ends. */
export async function awaitReassessment(caseProcess: CaseProcess): Promise<void> {
  const { state } = caseProcess;
  const { body } = await caseProcess.refreshDurations();
  const until = state.deferredUntil;
  if (!until) return caseProcess.enterAssessment(SYSTEM_PRINCIPAL, 'deferral had no end date');
  const wakeAt = await deadline(startOfShanghaiDay(until).toISOString(), body.reassessmentLeadTime, true);
  if ((await caseProcess.waitInStage(wakeAt)) === 'interrupted') return;
  state.deferredUntil = null;
  await caseProcess.enterAssessment(SYSTEM_PRINCIPAL, 'full-time education ends: reassessment');
}
