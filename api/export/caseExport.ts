// The case list as a file: the rows GET /v1/cases would page through for the same caller and
// filters (caseListQuery: the same scope, the same masking), oldest first, with the Chinese words
// of the console and the subsidy in yuan.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Principal } from '../../domain/access.js';
import { validationFailed } from '../errors.js';
import type { CaseListQuery } from '../schemas/caseList.js';
import { caseListQuery, caseSummaryOf } from '../services/caseList.js';
import { divisionWithin } from '../services/jurisdiction.js';
import { after } from '../services/keyset.js';
import { PATHWAY_WORDS, STAGE_WORDS, SUBSIDY_STATUS_WORDS, wordFor } from './glossary.js';
import { shanghaiTime, yesNo } from './format.js';
import { type Column, keysetPages } from './table.js';

type Filters = Omit<CaseListQuery, 'limit' | 'cursor'>;

function exportQuery(db: Db, principal: Principal, q: Filters, division: string, now: Date) {
  return caseListQuery(db, principal, q, division, now)
    .leftJoin('divisions', 'divisions.code', 'cases.division_code')
    .select('divisions.name as division_name')
    .select(sql<string | null>`cases.subsidy ->> 'amountFen'`.as('amount_fen'));
}
type Row = Awaited<ReturnType<ReturnType<typeof exportQuery>['execute']>>[number];
type Item = ReturnType<typeof caseSummaryOf> & { divisionName: string | null; amountFen: string | null };

export const CASE_COLUMNS: Column<Item>[] = [
  { header: '个案编号', width: 44, value: (c) => c.caseId },
  { header: '姓名', width: 12, value: (c) => c.person.name },
  { header: '身份证号', width: 22, value: (c) => c.person.idNumber },
  { header: '阶段', width: 20, value: (c) => wordFor(STAGE_WORDS, c.stage) },
  { header: '安置方式', width: 18, value: (c) => wordFor(PATHWAY_WORDS, c.pathway) },
  { header: '行政区划代码', value: (c) => c.division },
  { header: '行政区划', width: 16, value: (c) => c.divisionName ?? '' },
  { header: '儿童福利机构', width: 18, value: (c) => c.institutionId },
  { header: '成年日期', value: (c) => c.adulthoodDate },
  { header: '补贴状态', value: (c) => wordFor(SUBSIDY_STATUS_WORDS, c.subsidyStatus) },
  { header: '补贴金额（元）', money: true, value: (c) => c.amountFen },
  { header: '待办任务数', value: (c) => c.openTasks },
  { header: '是否逾期', value: (c) => yesNo(c.overdue) },
  { header: '登记时间', width: 20, value: (c) => shanghaiTime(c.createdAt) },
  { header: '更新时间', width: 20, value: (c) => shanghaiTime(c.updatedAt) },
];

const itemOf = (r: Row): Item & { position: string } => ({
  ...caseSummaryOf(r),
  divisionName: r.division_name,
  amountFen: r.amount_fen,
  position: r.position,
});

/**
 * Checks the filters as the list does and that at most `cap` rows match (400 otherwise, before any
 * byte is sent), then hands back the rows a page at a time.
 */
export async function casePages(db: Db, principal: Principal, q: Filters, cap: number) {
  const division = await divisionWithin(db, principal, q.division);
  const now = new Date();
  const base = () => exportQuery(db, principal, q, division, now);
  const counted = await db
    .selectFrom(
      base()
        .clearSelect()
        .select('cases.case_id')
        .limit(cap + 1)
        .as('matching'),
    )
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(counted.n) > cap)
    throw validationFailed(`export: more than ${cap} cases match; narrow the filters (division, stage, pathway)`);
  return keysetPages(
    async (position, limit) => {
      let query = base();
      if (position) query = query.where(after('cases.created_at', 'cases.case_id', position));
      const rows = await query.orderBy('cases.created_at').orderBy('cases.case_id').limit(limit).execute();
      return rows.map(itemOf);
    },
    (item) => ({ at: item.position, id: item.caseId }),
    cap,
  );
}
