// The inbox as a file: the tasks GET /v1/tasks would page through for the same caller and filters
// (inboxQuery: the same inbox, a department only its own tasks), oldest due first, with the
// Chinese words of the console.
import type { Db } from '../../db/database.js';
import type { Principal } from '../../domain/access.js';
import { validationFailed } from '../errors.js';
import type { InboxQuery } from '../schemas/tasks.js';
import { after } from '../services/keyset.js';
import { inboxQuery } from '../services/tasks.js';
import { DEPARTMENT_WORDS, INSTITUTION_WORD, TASK_KIND_WORDS, TASK_STATUS_WORDS, wordFor } from './glossary.js';
import { shanghaiTime, yesNo } from './format.js';
import { type Column, keysetPages } from './table.js';

type Filters = Pick<InboxQuery, 'status' | 'caseId'>;

function exportQuery(db: Db, principal: Principal, q: Filters, now: Date) {
  return inboxQuery(db, principal, q, now)
    .leftJoin('divisions', 'divisions.code', 'tasks.division_code')
    .select('divisions.name as divisionName');
}
type Item = Awaited<ReturnType<ReturnType<typeof exportQuery>['execute']>>[number];

export const TASK_COLUMNS: Column<Item>[] = [
  { header: '任务编号', width: 40, value: (t) => t.taskId },
  { header: '个案编号', width: 44, value: (t) => t.caseId },
  { header: '事项', width: 22, value: (t) => wordFor(TASK_KIND_WORDS, t.kind) },
  {
    header: '承办单位',
    width: 18,
    value: (t) => (t.department ? wordFor(DEPARTMENT_WORDS, t.department) : INSTITUTION_WORD),
  },
  { header: '行政区划代码', value: (t) => t.division },
  { header: '行政区划', width: 16, value: (t) => t.divisionName ?? '' },
  { header: '状态', value: (t) => wordFor(TASK_STATUS_WORDS, t.status) },
  { header: '办理期限', width: 20, value: (t) => shanghaiTime(t.dueAt) },
  { header: '是否逾期', value: (t) => yesNo(t.overdue === true) },
  { header: '督办级别', value: (t) => t.escalationLevel },
  { header: '办结时间', width: 20, value: (t) => shanghaiTime(t.completedAt) },
  { header: '办理结果', width: 16, value: (t) => t.outcome },
  { header: '备注', width: 30, value: (t) => t.note },
  { header: '受阻原因', width: 30, value: (t) => t.blockReason },
  { header: '创建时间', width: 20, value: (t) => shanghaiTime(t.createdAt) },
];

/**
 * Checks that at most `cap` tasks match (400 otherwise, before any byte is sent), then hands back
 * the rows a page at a time.
 */
export async function taskPages(db: Db, principal: Principal, q: Filters, cap: number) {
  const now = new Date();
  const base = () => exportQuery(db, principal, q, now);
  const counted = await db
    .selectFrom(
      inboxQuery(db, principal, q, now)
        .clearSelect()
        .select('task_id')
        .limit(cap + 1)
        .as('matching'),
    )
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(counted.n) > cap)
    throw validationFailed(`export: more than ${cap} tasks match; narrow the filters (status)`);
  return keysetPages(
    async (position, limit) => {
      let query = base();
      if (position) query = query.where(after('tasks.due_at', 'tasks.task_id', position));
      return query.orderBy('tasks.due_at').orderBy('tasks.task_id').limit(limit).execute();
    },
    (t) => ({ at: t.position, id: t.taskId }),
    cap,
  );
}
