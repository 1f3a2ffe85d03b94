// Takes each demo youth to where the scenario says, through the API as the people who would: the
// institution registers, assesses, proposes (and withdraws); civil affairs reviews and visits;
// finance approves the subsidy and the bank pays it; each department completes its own tasks.
// Nothing is written past the API: the stages, tasks, payments and audit trail are the product's.
import type { Pathway, Stage } from '../../../domain/vocabulary.js';
import { type DemoSession, DemoRequestError, eventually } from './demoClient.js';
import { demoPerson } from './demoPeople.js';
import { type Site, SITES } from './demoRegion.js';
import type { CaseSpec } from './demoScenario.js';
import { addDays } from '../../../domain/shanghaiDates.js';

/** The signed-in users the demo acts as, by site. */
export interface DemoActors {
  institution: Record<Site, DemoSession>;
  civilAffairs: Record<Site, DemoSession>;
  finance: Record<Site, DemoSession>;
  /** Department code → the session whose inbox holds that department's tasks of the site. */
  departments: Record<Site, Record<string, DemoSession>>;
}

interface TaskView {
  taskId: string;
  kind: string;
  department: string | null;
  assigneeRole: string;
  status: string;
}
interface CaseView {
  caseId: string;
  stage: Stage;
  pathway: Pathway | null;
  recommendation: { pathway: Pathway } | null;
  subsidy: { status: string } | null;
  tasks: TaskView[];
}

const ASSESSMENTS: Record<Pathway, Record<string, unknown>> = {
  social_placement: {
    canLiveIndependently: true,
    basis: '身体健康，具备劳动能力，已完成职业技能培训',
    hasIncome: false,
    wishes: 'social_placement',
    selfCare: 'full',
  },
  destitute_centralized: {
    canLiveIndependently: false,
    basis: '智力残疾二级，无劳动能力，生活不能自理',
    hasIncome: false,
    wishes: 'centralized_support',
    selfCare: 'none',
  },
  destitute_dispersed: {
    canLiveIndependently: false,
    basis: '肢体残疾一级，无劳动能力，生活部分自理',
    hasIncome: false,
    wishes: 'social_placement',
    selfCare: 'partial',
  },
};

/** What a department writes when it completes its task (the outcome is free text). */
const OUTCOMES: Record<string, string> = {
  household_registration: '已办理集体户落户',
  employment_and_social_insurance: '已登记就业并参加社会保险',
  medical_insurance_enrolment: '已参加城乡居民医保',
  housing_support: '已纳入公租房保障',
  education_and_training: '已安排职业技能培训',
  collective_economic_rights: '已确认集体经济组织成员身份',
  disability_certification: '已核发残疾人证',
  case_management: '已建立个案档案',
  arrange_support_institution: '已安排入住供养服务机构',
  record_dispersed_support: '已登记分散供养',
};

const STAGE_ORDER: readonly Stage[] = [
  'awaiting_adulthood',
  'transition_planning',
  'assessment',
  'review',
  'social_placement',
  'destitute_support',
  'placed',
  'supported',
  'closed',
];

export interface DrivenCase {
  caseId: string;
  stage: Stage;
  pathway: Pathway | null;
}

export async function driveCase(actors: DemoActors, spec: CaseSpec, n: number, today: string): Promise<DrivenCase> {
  const site = SITES[spec.site];
  const inst = actors.institution[spec.site];
  const civil = actors.civilAffairs[spec.site];
  const read = (caseId: string) => civil.ok<CaseView>('GET', `/v1/cases/${caseId}`);
  const reach = (caseId: string, stages: readonly Stage[], timeoutMs?: number) =>
    eventually(
      `case ${caseId} to reach ${stages.join(' or ')}`,
      () => read(caseId),
      (c) => stages.includes(c.stage),
      timeoutMs,
    );
  // The last stage the case goes through before it stops (or before it is withdrawn).
  const target = spec.withdrawFrom ?? spec.stage;
  const reaches = (stage: Stage) =>
    STAGE_ORDER.indexOf(target) >= STAGE_ORDER.indexOf(stage) ||
    (target === 'deferred' && STAGE_ORDER.indexOf(stage) <= STAGE_ORDER.indexOf('assessment'));

  const person = demoPerson(n, site.banner, today, spec.adulthoodInDays, spec.facts);
  const { caseId } = await inst.ok<{ caseId: string }>('POST', '/v1/cases', { person, division: site.banner });
  const pathway = spec.pathway ?? 'social_placement';

  if (spec.adulthoodInDays < 0 && reaches('assessment')) {
    await reach(caseId, ['assessment']);
    if (target !== 'assessment') {
      const until = spec.educationUntilInDays;
      const assessed = await inst.ok<CaseView>('POST', `/v1/cases/${caseId}/assessment`, {
        ...ASSESSMENTS[pathway],
        ...(until !== undefined ? { inFullTimeEducationUntil: addDays(today, until) } : {}),
        ...(spec.needs ? { needs: spec.needs } : {}),
      });
      if (target !== 'deferred') {
        const differs = assessed.recommendation?.pathway !== pathway;
        await inst.ok('POST', `/v1/cases/${caseId}/proposal`, {
          pathway,
          ...(differs ? { reason: '结合本人意愿与评估结果' } : {}),
        });
        if (target !== 'review')
          await civil.ok('POST', `/v1/cases/${caseId}/review`, { decision: 'approve', comment: '材料齐全，同意' });
      }
    }
  } else {
    await reach(caseId, [spec.adulthoodInDays > 90 ? 'awaiting_adulthood' : 'transition_planning']);
  }

  if (reaches('social_placement') && pathway === 'social_placement' && spec.approvePayment) {
    await actors.finance[spec.site].ok('POST', `/v1/cases/${caseId}/disbursement/approve`, {});
    await eventually(
      `the bank's answer for case ${caseId}`,
      () => read(caseId),
      (c) => c.subsidy?.status === 'paid' || c.subsidy?.status === 'failed',
    );
  }
  if (reaches('social_placement') || reaches('destitute_support')) {
    const all = ['placed', 'supported', 'closed'].includes(target);
    await completeTasks(actors, spec.site, caseId, all ? Infinity : (spec.tasksDone ?? 0), read);
  }
  if (reaches('placed') || reaches('supported')) {
    await reach(caseId, [pathway === 'social_placement' ? 'placed' : 'supported']);
  }
  if (target === 'closed') await closeCase(civil, caseId, pathway, read);
  if (spec.withdrawFrom)
    await inst.ok('POST', `/v1/cases/${caseId}/withdraw`, {
      reason: spec.withdrawReason ?? 'declined',
      note: '演示：撤回',
    });

  const final = await reach(caseId, [spec.stage]);
  return { caseId, stage: final.stage, pathway: final.pathway };
}

/** Completes up to `count` of the case's open department tasks, each by the department it is for. */
async function completeTasks(
  actors: DemoActors,
  site: Site,
  caseId: string,
  count: number,
  read: (caseId: string) => Promise<CaseView>,
): Promise<void> {
  const c = await read(caseId);
  // The finance task closes when the subsidy is paid; the institution's own tasks are its to do.
  const open = c.tasks.filter(
    (t) => t.status === 'open' && t.assigneeRole === 'department' && t.department !== 'finance',
  );
  for (const task of open.slice(0, count)) {
    const session =
      task.department === 'civil_affairs' ? actors.civilAffairs[site] : actors.departments[site][task.department ?? ''];
    if (!session) throw new DemoRequestError(`no demo user works ${task.department} tasks in ${SITES[site].league}`);
    await session.ok('POST', `/v1/tasks/${task.taskId}/complete`, {
      outcome: 'done',
      note: OUTCOMES[task.kind] ?? '已办理',
    });
  }
}

/** The aftercare that closes a case: every follow-up visit after placement, or a review ending 特困 status. */
async function closeCase(
  civil: DemoSession,
  caseId: string,
  pathway: Pathway,
  read: (caseId: string) => Promise<CaseView>,
): Promise<void> {
  const kind = pathway === 'social_placement' ? 'follow_up_visit' : 'destitute_annual_review';
  for (;;) {
    const c = await eventually(
      `case ${caseId}'s ${kind}`,
      () => read(caseId),
      (v) => v.stage === 'closed' || v.tasks.some((t) => t.kind === kind && t.status === 'open'),
    );
    if (c.stage === 'closed') return;
    const task = c.tasks.find((t) => t.kind === kind && t.status === 'open')!;
    const outcome =
      kind === 'follow_up_visit'
        ? { outcome: 'visited', note: '回访：就业稳定，生活良好' }
        : { outcome: 'end', note: '已就业，有稳定收入，终止特困供养' };
    await civil.ok('POST', `/v1/tasks/${task.taskId}/complete`, outcome);
  }
}
