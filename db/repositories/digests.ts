// The daily e-mail digest's rows (one per user and Shanghai day) and what a digest reads: who
// gets one, and the open tasks of a user's inbox. The inbox rule is the API's own (inboxOf), so
// the mail lists exactly what the user's 待办 page lists.
import { sql } from 'kysely';
import { inboxOf } from '../../api/services/tasks.js';
import type { Principal } from '../../domain/access.js';
import type { DigestTask } from '../../domain/digestContent.js';
import { OPEN_TASK_STATUSES } from '../../domain/vocabulary.js';
import type { Db, Trx } from '../database.js';
import type { UserRow } from '../schema.js';

/** Roles with a task inbox: only they can have something to read in a digest. */
const INBOX_ROLES = ['institution', 'civil_affairs', 'finance', 'department'] as const;

/** The preference as stored (a JSON document): on unless the user turned it off. */
const digestOn = sql<boolean>`coalesce((notification_preferences->>'emailDigest')::boolean, true)`;

/** Enabled users with an e-mail address, an inbox and the digest on, in a stable order. */
export async function digestRecipients(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('user_id')
    .where('disabled', '=', false)
    .where('email', 'is not', null)
    .where('email', '!=', '')
    .where('role', 'in', INBOX_ROLES)
    .where(digestOn)
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

export type DigestUser = Pick<UserRow, 'user_id' | 'role' | 'org' | 'division_code' | 'disabled' | 'email'> & {
  digest_on: boolean;
};

export async function findDigestUser(db: Db | Trx, userId: string): Promise<DigestUser | undefined> {
  return db
    .selectFrom('users')
    .select(['user_id', 'role', 'org', 'division_code', 'disabled', 'email', digestOn.as('digest_on')])
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** The day's row, written once: a retry or a second run of the day finds it. */
export async function claimDigest(db: Db, userId: string, day: string, messageId: string): Promise<void> {
  await db
    .insertInto('email_digests')
    .values({ user_id: userId, day, message_id: messageId })
    .onConflict((oc) => oc.columns(['user_id', 'day']).doNothing())
    .execute();
}

/** Counts an SMTP transaction about to begin (outside the send's transaction, so a crash keeps it). */
export async function countAttempt(db: Db, userId: string, day: string): Promise<void> {
  await db
    .updateTable('email_digests')
    .set({ attempts: sql`attempts + 1` })
    .where('user_id', '=', userId)
    .where('day', '=', day)
    .where('state', '=', 'pending')
    .execute();
}

/**
 * Locks the day's row until the transaction ends: a second attempt (a retry started while the
 * first still runs) waits here and then finds the row sent. A killed process's lock goes with its
 * connection.
 */
export async function lockDigest(trx: Trx, userId: string, day: string) {
  return trx
    .selectFrom('email_digests')
    .selectAll()
    .where('user_id', '=', userId)
    .where('day', '=', day)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function markDigestSent(
  trx: Trx,
  userId: string,
  day: string,
  sent: { newTasks: number; dueSoon: number; overdue: number; smtpResponse: string },
): Promise<void> {
  await trx
    .updateTable('email_digests')
    .set({
      state: 'sent',
      new_tasks: sent.newTasks,
      due_soon: sent.dueSoon,
      overdue: sent.overdue,
      smtp_response: sent.smtpResponse.slice(0, 500),
      sent_at: new Date(),
    })
    .where('user_id', '=', userId)
    .where('day', '=', day)
    .execute();
}

/** The open (and blocked) tasks of the principal's inbox, by due date. */
export async function openInboxTasks(
  db: Db | Trx,
  principal: Principal,
): Promise<Array<DigestTask & { createdAt: Date }>> {
  const rows = await inboxOf(
    (db as Db)
      .selectFrom('tasks')
      .select(['task_id', 'case_id', 'kind', 'due_at', 'created_at'])
      .where('status', 'in', OPEN_TASK_STATUSES),
    principal,
  )
    .orderBy('due_at')
    .orderBy('task_id')
    .execute();
  return rows.map((r) => ({
    caseId: r.case_id,
    taskId: r.task_id,
    kind: r.kind,
    dueAt: r.due_at.toISOString(),
    createdAt: r.created_at,
  }));
}
