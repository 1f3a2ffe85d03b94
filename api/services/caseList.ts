// Lists cases for the people who work them: every filter and the caller's scope are SQL, so a page
// costs the same however many cases the region holds. ID numbers are always masked in lists.
import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';
import type { Principal } from '../../domain/access.js';
import { maskIdNumber } from '../../domain/idNumber.js';
import { addMonths, startOfShanghaiDay } from '../../domain/shanghaiDates.js';
import { OPEN_TASK_STATUSES, type Pathway, type Stage } from '../../domain/vocabulary.js';
import type { CaseListQuery, CaseSummary } from '../schemas/caseList.js';
import { divisionRange, divisionWithin } from './jurisdiction.js';
import { after, decodeCursor, exactInstant, page } from './keyset.js';

/** The case has an open or blocked task past its due time. */
const hasOverdueTask = (eb: ExpressionBuilder<Database, 'cases' | 'persons'>, now: Date) =>
  eb.exists(
    eb
      .selectFrom('tasks')
      .select('tasks.task_id')
      .whereRef('tasks.case_id', '=', 'cases.case_id')
      .where('tasks.status', 'in', OPEN_TASK_STATUSES)
      .where('tasks.due_at', '<', now),
  );

/** The case has an open or blocked task of the department (null: the institution's) past its due time. */
const hasOverdueTaskOf = (eb: ExpressionBuilder<Database, 'cases' | 'persons'>, now: Date, department: string) =>
  eb.exists(
    eb
      .selectFrom('tasks')
      .select('tasks.task_id')
      .whereRef('tasks.case_id', '=', 'cases.case_id')
      .where('tasks.status', 'in', OPEN_TASK_STATUSES)
      .where('tasks.due_at', '<', now)
      .where((t) =>
        department === 'institution' ? t('tasks.department', 'is', null) : t('tasks.department', '=', department),
      ),
  );

/** The instants a month (YYYY-MM, Asia/Shanghai) begins and the next one begins. */
function monthRange(month: string): [Date, Date] {
  const first = `${month}-01`;
  return [startOfShanghaiDay(first), startOfShanghaiDay(addMonths(first, 1))];
}

/** Search's narrowing (services/caseSearch.ts): a substring of the name, or the ID number's keyed hash. */
export type PersonMatch = { nameContains: string } | { idNumberHash: string };

/** LIKE's wildcards and escape character taken literally. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The list's rows before paging: the caller's scope, the filters and the columns a summary needs,
 * in no order yet. GET /v1/cases pages it; the export (api/export/caseExport.ts) walks it whole.
 * `division` is the filter already checked against the caller's jurisdiction (divisionWithin).
 */
export function caseListQuery(
  db: Db,
  principal: Principal,
  q: Omit<CaseListQuery, 'limit' | 'cursor'>,
  division: string,
  now: Date,
  match?: PersonMatch,
) {
  const [lo, hi] = divisionRange(division);

  let query = db
    .selectFrom('cases')
    .innerJoin('persons', 'persons.person_id', 'cases.person_id')
    .select([
      'cases.case_id',
      'cases.stage',
      'cases.pathway',
      'cases.division_code',
      'cases.institution_id',
      'cases.adulthood_date',
      'cases.created_at',
      'cases.updated_at',
      'persons.name',
      'persons.id_number',
    ])
    .select(exactInstant('cases.created_at').as('position'))
    .select(sql<string | null>`cases.subsidy ->> 'status'`.as('subsidy_status'))
    .select((eb) =>
      eb
        .selectFrom('tasks')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('tasks.case_id', '=', 'cases.case_id')
        .where('tasks.status', 'in', OPEN_TASK_STATUSES)
        .as('open_tasks'),
    )
    .select((eb) => hasOverdueTask(eb, now).as('overdue'));

  // Scope: an institution reaches its own youths wherever they moved; a department only cases
  // on which its department has a task in its jurisdiction; the others their jurisdiction.
  if (principal.role === 'institution') query = query.where('cases.institution_id', '=', principal.org);
  if (principal.role !== 'institution' || q.division !== undefined)
    query = query.where('cases.division_code', '>=', lo).where('cases.division_code', '<=', hi);
  if (principal.role === 'department') {
    const [ownLo, ownHi] = divisionRange(principal.division);
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('tasks')
          .select('tasks.task_id')
          .whereRef('tasks.case_id', '=', 'cases.case_id')
          .where('tasks.department', '=', principal.org)
          .where('tasks.division_code', '>=', ownLo)
          .where('tasks.division_code', '<=', ownHi),
      ),
    );
  }

  if (match && 'idNumberHash' in match) query = query.where('persons.id_number_hash', '=', match.idNumberHash);
  // ILIKE on the name: the trigram index (migration person_search) serves it from 3 characters.
  if (match && 'nameContains' in match)
    query = query.where(sql<boolean>`persons.name ILIKE ${`%${likeLiteral(match.nameContains)}%`}`);
  if (q.stage) query = query.where('cases.stage', '=', q.stage);
  if (q.pathway === 'none') query = query.where('cases.pathway', 'is', null);
  else if (q.pathway) query = query.where('cases.pathway', '=', q.pathway);
  if (q.institutionId) query = query.where('cases.institution_id', '=', q.institutionId);
  if (q.overdue !== undefined)
    query = query.where((eb) => (q.overdue ? hasOverdueTask(eb, now) : eb.not(hasOverdueTask(eb, now))));
  if (q.overdueDepartment) {
    const department = q.overdueDepartment;
    query = query.where((eb) => hasOverdueTaskOf(eb, now, department));
  }
  if (q.subsidy === 'paid')
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('disbursements')
          .select('disbursements.case_id')
          .whereRef('disbursements.case_id', '=', 'cases.case_id')
          .where('disbursements.status', '=', 'paid'),
      ),
    );
  if (q.subsidy === 'owed')
    query = query
      .where('cases.pathway', '=', 'social_placement')
      .where('cases.stage', 'not in', ['withdrawn', 'closed'])
      .where(sql<boolean>`jsonb_typeof(cases.subsidy) = 'object'`)
      .where(sql<boolean>`cases.subsidy ->> 'status' IN ('computed', 'approved', 'failed')`);
  if (q.registeredMonth) {
    const [from, to] = monthRange(q.registeredMonth);
    query = query.where('cases.created_at', '>=', from).where('cases.created_at', '<', to);
  }
  if (q.closedMonth) {
    const [from, to] = monthRange(q.closedMonth);
    query = query.where('cases.closed_at', '>=', from).where('cases.closed_at', '<', to);
  }
  return query;
}

type CaseListRow = Awaited<ReturnType<ReturnType<typeof caseListQuery>['execute']>>[number];

/** A row of caseListQuery as the list shows it: the ID number masked, always. */
export function caseSummaryOf(r: CaseListRow): CaseSummary {
  return {
    caseId: r.case_id,
    stage: r.stage as Stage,
    pathway: r.pathway as Pathway | null,
    division: r.division_code,
    institutionId: r.institution_id,
    adulthoodDate: r.adulthood_date,
    person: { name: r.name, idNumber: maskIdNumber(r.id_number) },
    subsidyStatus: r.subsidy_status as CaseSummary['subsidyStatus'],
    openTasks: Number(r.open_tasks ?? 0),
    overdue: r.overdue === true,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

export async function listCases(
  db: Db,
  principal: Principal,
  q: CaseListQuery,
  match?: PersonMatch,
): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
  const division = await divisionWithin(db, principal, q.division);
  let query = caseListQuery(db, principal, q, division, new Date(), match);
  if (q.cursor) {
    const position = decodeCursor(q.cursor);
    query = query.where(after('cases.created_at', 'cases.case_id', position));
  }

  const rows = await query
    .orderBy('cases.created_at')
    .orderBy('cases.case_id')
    .limit(q.limit + 1)
    .execute();
  const result = page(rows, q.limit, (r) => ({ at: r.position, id: r.case_id }));
  return { nextCursor: result.nextCursor, items: result.items.map(caseSummaryOf) };
}
