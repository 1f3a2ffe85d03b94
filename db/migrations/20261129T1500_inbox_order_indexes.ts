// Inboxes list a department's (or an institution's) tasks oldest due first, 50 at a time. These
// indexes give that order directly, so a page reads about 50 index entries instead of sorting every
// task of the department (the benchmark's 100,000 open tasks made the sort the cost of a request).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX tasks_department_due ON tasks (department, due_at, task_id);
    CREATE INDEX tasks_department_open_due ON tasks (department, due_at, task_id) WHERE status IN ('open', 'blocked');
    CREATE INDEX tasks_institution_due ON tasks (institution_id, due_at, task_id);
    CREATE INDEX tasks_institution_open_due ON tasks (institution_id, due_at, task_id) WHERE status IN ('open', 'blocked');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX tasks_department_due, tasks_department_open_due, tasks_institution_due, tasks_institution_open_due;
  `.execute(db);
}
