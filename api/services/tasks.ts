// Task inboxes and task reads, from the task read model.
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database, TaskRow } from '../../db/schema.js';
import { type Principal, caseInScope, taskAssignedTo } from '../../domain/access.js';
import { divisionPrefix } from '../../domain/divisions.js';
import { OPEN_TASK_STATUSES } from '../../domain/vocabulary.js';
import { notFound } from '../errors.js';
import { after, decodeCursor, exactInstant, page, utcInstant } from './keyset.js';
import type { TaskView } from '../schemas/cases.js';
import type { InboxQuery } from '../schemas/tasks.js';

/** Restricts a task query to the caller's inbox: their org or department within their jurisdiction. */
export function inboxOf<O>(
  query: SelectQueryBuilder<Database, 'tasks', O>,
  p: Principal,
): SelectQueryBuilder<Database, 'tasks', O> {
  if (p.role === 'institution')
    return query.where('assignee_role', '=', 'institution').where('institution_id', '=', p.org);
  const department =
    p.role === 'department'
      ? p.org
      : p.role === 'civil_affairs'
        ? 'civil_affairs'
        : p.role === 'finance'
          ? 'finance'
          : null;
  if (department === null) return query.where((eb: ExpressionBuilder<Database, 'tasks'>) => eb.val(false));
  return query.where('department', '=', department).where('division_code', 'like', `${divisionPrefix(p.division)}%`);
}

/**
 * An instant as taskView writes it (toISOString: UTC, milliseconds, the microseconds cut off as
 * node-postgres cuts them), printed by PostgreSQL: parsing three timestamps a task into Dates only
 * to print them again was about a fifth of this process's CPU for an inbox page.
 */
const apiInstant = <T extends string | null = string>(column: 'due_at' | 'created_at' | 'completed_at') =>
  utcInstant<T>(column, 'MS');

/**
 * An inbox page as the API answers it: taskView's fields (caseViews.ts), shaped by the query itself
 * and only those columns read. Overdue is as of the request's start, the instant the overdue filter
 * uses too.
 */
export async function listInbox(
  db: Db,
  p: Principal,
  f: InboxQuery,
): Promise<{ items: TaskView[]; nextCursor: string | null }> {
  const now = new Date();
  let q = inboxOf(
    db
      .selectFrom('tasks')
      .select([
        'task_id as taskId',
        'case_id as caseId',
        'kind',
        'department',
        'assignee_role as assigneeRole',
        'institution_id as institutionId',
        'division_code as division',
        'assignee_sub as assigneeSub',
        'status',
        'due_date_warning as dueDateWarning',
        'escalation_level as escalationLevel',
        'escalated_to as escalatedTo',
        'outcome',
        'note',
        'block_reason as blockReason',
        'details',
      ])
      .select([
        apiInstant('due_at').as('dueAt'),
        apiInstant('created_at').as('createdAt'),
        apiInstant<string | null>('completed_at').as('completedAt'),
      ])
      .select(sql<boolean>`status IN ('open', 'blocked') AND due_at < ${now}`.as('overdue'))
      // The cursor keeps due_at exactly: cut to milliseconds, a row written with microseconds
      // would sort after its own cursor and come back on the next page.
      .select(exactInstant('due_at').as('position')),
    p,
  );
  if (f.status === 'open') q = q.where('status', 'in', OPEN_TASK_STATUSES);
  if (f.status === 'done') q = q.where('status', '=', 'done');
  if (f.status === 'overdue') q = q.where('status', 'in', OPEN_TASK_STATUSES).where('due_at', '<', now);
  if (f.caseId) q = q.where('case_id', '=', f.caseId);
  if (f.cursor) q = q.where(after('due_at', 'task_id', decodeCursor(f.cursor)));
  const rows = await q
    .orderBy('due_at')
    .orderBy('task_id')
    .limit(f.limit + 1)
    .execute();
  const { items, nextCursor } = page(rows, f.limit, (r) => ({ at: r.position, id: r.taskId }));
  return { items: items.map(({ position: _position, ...view }) => view), nextCursor };
}

/** A task the caller may see: in their inbox, a party to its case, or an auditor over it. */
export async function readTask(db: Db, p: Principal, taskId: string): Promise<TaskRow> {
  const t = await db.selectFrom('tasks').selectAll().where('task_id', '=', taskId).executeTakeFirst();
  if (!t) throw notFound('task');
  const assignment = {
    assigneeRole: t.assignee_role,
    department: t.department,
    institutionId: t.institution_id,
    division: t.division_code,
  };
  if (taskAssignedTo(p, assignment)) return t;
  if (p.role !== 'department') {
    const c = await db
      .selectFrom('cases')
      .select(['division_code', 'institution_id'])
      .where('case_id', '=', t.case_id)
      .executeTakeFirst();
    if (c && caseInScope(p, { division: c.division_code, institutionId: c.institution_id })) return t;
  }
  throw notFound('task');
}
