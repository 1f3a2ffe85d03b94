// The Chinese words of the console's glossary (the team's CONSOLE.md "Glossary") for the codes the
// server itself writes for people: the list exports (api/export/) and the e-mail digest
// (domain/digestContent.ts). One copy on the server side: the API and the worker import nothing
// from console/, whose catalogues carry the same words for the pages.
import type { DepartmentCode, Pathway, Stage, SubsidyStatus, TaskStatus } from './vocabulary.js';

export const STAGE_WORDS: Record<Stage, string> = {
  awaiting_adulthood: '待成年',
  transition_planning: '成年过渡准备',
  assessment: '评估',
  deferred: '暂缓安置（在校就读）',
  review: '审核',
  social_placement: '社会化安置办理中',
  destitute_support: '特困供养办理中',
  placed: '已社会化安置',
  supported: '特困供养中',
  closed: '已结案',
  withdrawn: '已撤销',
};

export const PATHWAY_WORDS: Record<Pathway, string> = {
  social_placement: '社会化安置',
  destitute_centralized: '特困人员集中供养',
  destitute_dispersed: '特困人员分散供养',
};

export const DEPARTMENT_WORDS: Record<DepartmentCode, string> = {
  civil_affairs: '民政',
  education: '教育',
  public_security: '公安',
  justice: '司法',
  finance: '财政',
  hrss: '人力资源和社会保障',
  housing: '住房和城乡建设',
  agriculture: '农牧',
  veterans: '退役军人事务',
  medical_insurance: '医疗保障',
  disabled_federation: '残疾人联合会',
};

export const TASK_KIND_WORDS: Record<string, string> = {
  household_registration: '落户',
  employment_and_social_insurance: '就业和社会保险',
  medical_insurance_enrolment: '医疗保险参保',
  housing_support: '住房保障',
  education_and_training: '教育和职业培训',
  collective_economic_rights: '农村牧区集体经济权益保障',
  legal_aid: '法律援助',
  veterans_affairs: '退役军人事务',
  disability_certification: '残疾评定和残疾人证',
  subsidy_disbursement: '安置补贴发放',
  case_management: '安置个案管理',
  arrange_support_institution: '安排供养服务机构',
  record_dispersed_support: '分散供养登记',
  assessment: '成年评估',
  transition_preparation: '成年过渡准备（证件交接）',
  provide_bank_account: '提供银行账户',
  correct_bank_account: '更正银行账户',
  follow_up_visit: '回访',
  destitute_annual_review: '特困人员年度复核',
};

export const TASK_STATUS_WORDS: Record<TaskStatus, string> = {
  open: '待办',
  done: '已办结',
  blocked: '受阻',
  cancelled: '已取消',
};

export const SUBSIDY_STATUS_WORDS: Record<SubsidyStatus, string> = {
  computed: '已核定',
  approved: '已批准',
  paid: '已拨付',
  failed: '拨付失败',
};

/** Whose inbox a task is in, for a task without a department: the institution's. */
export const INSTITUTION_WORD = '儿童福利机构';
