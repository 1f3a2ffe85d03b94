// The case and task read models: written by the case workflow's events (the recordCaseEvent
// activity, in the transaction of the event's audit append), read by the API. A write carries the
// event's sequence number and yields to a later event's, so a retried or late write changes nothing.
import type { Insertable } from 'kysely';
import type { Db, Trx } from '../database.js';
import type { CaseRow, CasesTable, NewTask, TaskRow } from '../schema.js';

/** The case columns an event projects (everything but the registration's own). */
export type CaseProjection = Required<
  Pick<
    Insertable<CasesTable>,
    | 'stage'
    | 'pathway'
    | 'division_code'
    | 'adulthood_date'
    | 'assessment'
    | 'recommendation'
    | 'proposal'
    | 'reviews'
    | 'subsidy'
    | 'withdrawal'
    | 'updated_at'
    | 'closed_at'
  >
>;

/** The case's row as registration writes it, in the transaction that starts its workflow. */
export async function insertRegisteredCase(
  trx: Trx,
  row: Pick<
    Insertable<CasesTable>,
    'case_id' | 'person_id' | 'institution_id' | 'division_code' | 'stage' | 'adulthood_date'
  >,
): Promise<void> {
  await trx.insertInto('cases').values(row).execute();
}

/** The case read model as of event `seq`, unless a later event already wrote it. */
export async function projectCase(trx: Trx, caseId: string, seq: number, values: CaseProjection): Promise<void> {
  await trx
    .updateTable('cases')
    .set({ ...values, projection_version: seq })
    .where('case_id', '=', caseId)
    .where('projection_version', '<', seq)
    .execute();
}

/**
 * The event's tasks in one statement (an approval plans a dozen), unless a later event wrote them.
 * Returns the IDs of the tasks this statement turned `done` (they were not done before).
 */
export async function upsertTasks(trx: Trx, rows: readonly NewTask[], seq: number): Promise<string[]> {
  if (rows.length === 0) return [];
  // One statement may not touch a row twice: a task named twice is written as it was named last.
  const latest = [...new Map(rows.map((row) => [row.task_id, { ...row, projection_version: seq }])).values()];
  const upsert = trx
    .insertInto('tasks')
    .values(latest)
    .onConflict((oc) =>
      oc
        .column('task_id')
        .doUpdateSet((eb) => ({
          division_code: eb.ref('excluded.division_code'),
          assignee_sub: eb.ref('excluded.assignee_sub'),
          status: eb.ref('excluded.status'),
          due_at: eb.ref('excluded.due_at'),
          due_date_warning: eb.ref('excluded.due_date_warning'),
          reminded_at: eb.ref('excluded.reminded_at'),
          escalation_level: eb.ref('excluded.escalation_level'),
          escalated_to: eb.ref('excluded.escalated_to'),
          outcome: eb.ref('excluded.outcome'),
          note: eb.ref('excluded.note'),
          block_reason: eb.ref('excluded.block_reason'),
          completed_by: eb.ref('excluded.completed_by'),
          completed_at: eb.ref('excluded.completed_at'),
          projection_version: eb.ref('excluded.projection_version'),
          updated_at: eb.ref('excluded.updated_at'),
        }))
        .where('tasks.projection_version', '<', seq),
    );
  if (!latest.some((row) => row.status === 'done')) {
    await upsert.execute();
    return [];
  }
  // A subquery in RETURNING reads the statement's snapshot, which does not see the rows this very
  // statement writes: it gives each task's status before the upsert (null for a new task), so the
  // tasks this event completed are known without another round trip.
  const written = await upsert
    .returning((eb) => [
      'tasks.task_id',
      'tasks.status',
      eb
        .selectFrom('tasks as before')
        .select('before.status')
        .whereRef('before.task_id', '=', 'tasks.task_id')
        .as('previous_status'),
    ])
    .execute();
  return written.filter((r) => r.status === 'done' && r.previous_status !== 'done').map((r) => r.task_id);
}

/** Which of these tasks the read model has already (the others are new). */
export async function existingTaskIds(trx: Trx, taskIds: readonly string[]): Promise<string[]> {
  if (taskIds.length === 0) return [];
  const rows = await trx
    .selectFrom('tasks')
    .select('task_id')
    .where('task_id', 'in', [...taskIds])
    .execute();
  return rows.map((r) => r.task_id);
}

/** What decides who reaches a case: its jurisdiction, its institution, and whether it has ended. */
export type CaseScopeRow = Pick<CaseRow, 'case_id' | 'division_code' | 'institution_id' | 'person_id' | 'stage'>;

export async function findCaseScope(db: Db | Trx, caseId: string): Promise<CaseScopeRow | undefined> {
  return db
    .selectFrom('cases')
    .select(['case_id', 'division_code', 'institution_id', 'person_id', 'stage'])
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

export async function findTask(db: Db, taskId: string): Promise<TaskRow | undefined> {
  return db.selectFrom('tasks').selectAll().where('task_id', '=', taskId).executeTakeFirst();
}

/** The case's tasks in the order they were opened. */
export async function tasksOfCase(db: Db, caseId: string): Promise<TaskRow[]> {
  return db
    .selectFrom('tasks')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('task_id')
    .execute();
}
