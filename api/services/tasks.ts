// Task inboxes and task reads, from the task read model.
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { findCaseScope, findTask } from '../../db/repositories/readModels.js';
import type { Database, TaskRow } from '../../db/schema.js';
import { type Principal, type TaskAssignment, caseInScope, taskAssignedTo } from '../../domain/access.js';
import { divisionPrefix } from '../../domain/divisions.js';
import { OPEN_TASK_STATUSES } from '../../domain/vocabulary.js';
import { notFound } from '../errors.js';
import { after, decodeCursor, exactInstant, page, utcInstant } from './keyset.js';
import type { TaskView } from '../schemas/cases.js';
import type { InboxQuery } from '../schemas/tasks.js';

/** Whose inbox a task row is in, as domain/access.ts decides it. */
export function assignmentOf(task: TaskRow): TaskAssignment {
  return {
    assigneeRole: task.assignee_role,
    department: task.department,
    institutionId: task.institution_id,
    division: task.division_code,
  };
}

/** Restricts a task query to the caller's inbox: their org or department within their jurisdiction. */
export function inboxOf<O>(
  query: SelectQueryBuilder<Database, 'tasks', O>,
  principal: Principal,
): SelectQueryBuilder<Database, 'tasks', O> {
  if (principal.role === 'institution')
    return query.where('assignee_role', '=', 'institution').where('institution_id', '=', principal.org);
  const department =
    principal.role === 'department'
      ? principal.org
      : principal.role === 'civil_affairs'
        ? 'civil_affairs'
        : principal.role === 'finance'
          ? 'finance'
          : null;
  if (department === null) return query.where((eb: ExpressionBuilder<Database, 'tasks'>) => eb.val(false));
  return query
    .where('department', '=', department)
    .where('division_code', 'like', `${divisionPrefix(principal.division)}%`);
}

/**
 * An instant as taskView writes it (toISOString: UTC, milliseconds, the microseconds cut off as
 * node-postgres cuts them), printed by PostgreSQL: parsing three timestamps a task into Dates only
 * to print them again was about a fifth of this process's CPU for an inbox page.
 */
const apiInstant = <T extends string | null = string>(column: 'due_at' | 'created_at' | 'completed_at') =>
  utcInstant<T>(column, 'MS');

/**
 * The inbox's rows before paging: taskView's fields (caseViews.ts), shaped by the query itself and
 * only those columns read, the caller's inbox and the status and case filters, in no order yet.
 * GET /v1/tasks pages it; the export (api/export/taskExport.ts) walks it whole. Overdue is as of
 * `now`, the instant the overdue filter uses too.
 */
export function inboxQuery(db: Db, principal: Principal, filter: Pick<InboxQuery, 'status' | 'caseId'>, now: Date) {
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
    principal,
  );
  if (filter.status === 'open') q = q.where('status', 'in', OPEN_TASK_STATUSES);
  if (filter.status === 'done') q = q.where('status', '=', 'done');
  if (filter.status === 'overdue') q = q.where('status', 'in', OPEN_TASK_STATUSES).where('due_at', '<', now);
  if (filter.caseId) q = q.where('case_id', '=', filter.caseId);
  return q;
}

/** An inbox page as the API answers it, oldest due first, ties broken by task id. */
export async function listInbox(
  db: Db,
  principal: Principal,
  filter: InboxQuery,
): Promise<{ items: TaskView[]; nextCursor: string | null }> {
  let q = inboxQuery(db, principal, filter, new Date());
  if (filter.cursor) q = q.where(after('due_at', 'task_id', decodeCursor(filter.cursor)));
  const rows = await q
    .orderBy('due_at')
    .orderBy('task_id')
    .limit(filter.limit + 1)
    .execute();
  const { items, nextCursor } = page(rows, filter.limit, (r) => ({ at: r.position, id: r.taskId }));
  return { items: items.map(({ position: _position, ...view }) => view), nextCursor };
}

/** A task the caller may see: in their inbox, a party to its case, or an auditor over it. */
export async function readTask(db: Db, principal: Principal, taskId: string): Promise<TaskRow> {
  const task = await findTask(db, taskId);
  if (!task) throw notFound('task');
  if (taskAssignedTo(principal, assignmentOf(task))) return task;
  if (principal.role !== 'department') {
    const caseRow = await findCaseScope(db, task.case_id);
    if (caseRow && caseInScope(principal, { division: caseRow.division_code, institutionId: caseRow.institution_id }))
      return task;
  }
  throw notFound('task');
}
