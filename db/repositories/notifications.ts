// Notifications and their recipients. A notification is written once per id, in the transaction
// of the event that caused it, with one recipient row per user its audience includes at that
// moment; a retried event finds the id taken and writes nothing (neither the notification nor
// recipients who joined since). Reads: a person's inbox (their recipient rows), and for a caller
// without an account (a bearer token) the notifications whose audience includes its principal.
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Principal } from '../../domain/access.js';
import { divisionPrefix } from '../../domain/divisions.js';
import { type Audience, audienceDivisions, audienceIncludes } from '../../domain/notificationAudience.js';
import type { NotificationKind } from '../../domain/vocabulary.js';
import type { Db, Trx } from '../database.js';
import type { NotificationDetails, NotificationRow } from '../schema.js';

export interface NewNotification {
  notificationId: string;
  kind: NotificationKind;
  caseId: string | null;
  taskId: string | null;
  standardId?: string | null;
  subscriptionId?: string | null;
  /** The event this tells of, the same for each of its audiences: what a webhook delivers once. */
  eventId?: string;
  audience: Audience;
  message: string;
  details: NotificationDetails;
}

/** The enabled users the audience includes now. */
export async function audienceUsers(db: Db | Trx, audience: Audience): Promise<string[]> {
  let query = db
    .selectFrom('users')
    .select(['user_id', 'role', 'org', 'division_code'])
    .where('role', '=', audience.role)
    .where('disabled', '=', false);
  if (audience.org !== null) query = query.where('org', '=', audience.org);
  const divisions = audienceDivisions(audience);
  if (divisions) query = query.where('division_code', 'in', divisions);
  const rows = await query.execute();
  // The query narrows; the domain rule decides.
  return rows
    .filter((u) => audienceIncludes({ sub: u.user_id, role: u.role, org: u.org, division: u.division_code }, audience))
    .map((u) => u.user_id);
}

/**
 * Writes the notification and a recipient row for each user of its audience (or for the users
 * given), unless a notification of that id exists. Returns the recipients written, null on a repeat.
 */
export async function insertNotificationOnce(
  trx: Trx,
  n: NewNotification,
  recipients?: readonly string[],
): Promise<string[] | null> {
  const inserted = await trx
    .insertInto('notifications')
    .values({
      notification_id: n.notificationId,
      case_id: n.caseId,
      task_id: n.taskId,
      standard_id: n.standardId ?? null,
      subscription_id: n.subscriptionId ?? null,
      kind: n.kind,
      recipient_role: n.audience.role,
      recipient_org: n.audience.org,
      division_code: n.audience.division,
      message: n.message,
      details: JSON.stringify(n.details),
    })
    .onConflict((oc) => oc.column('notification_id').doNothing())
    .returning(['created_at'])
    .executeTakeFirst();
  if (!inserted) return null;
  const subs = recipients ? [...new Set(recipients)] : await audienceUsers(trx, n.audience);
  if (subs.length > 0) {
    await trx
      .insertInto('notification_recipients')
      .values(
        subs.map((sub) => ({
          recipient_sub: sub,
          notification_id: n.notificationId,
          created_at: inserted.created_at,
          read_at: null,
        })),
      )
      .onConflict((oc) => oc.columns(['recipient_sub', 'notification_id']).doNothing())
      .execute();
  }
  return subs;
}

export interface InboxQuery {
  unread: boolean;
  limit: number;
  /** Strictly older than this (created_at, notification_id). */
  before: { at: string; id: string } | null;
}

export type InboxRow = NotificationRow & { read_at: Date | null; position: string };

/** The row's place in the order (created_at to the microsecond, as the cursor keeps it). */
const position = (column: 'r.created_at' | 'n.created_at') =>
  sql<string>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A person's notifications, newest first. */
export async function recipientInbox(db: Db, sub: string, q: InboxQuery): Promise<InboxRow[]> {
  let query = db
    .selectFrom('notification_recipients as r')
    .innerJoin('notifications as n', 'n.notification_id', 'r.notification_id')
    .selectAll('n')
    .select(['r.read_at', position('r.created_at').as('position')])
    .where('r.recipient_sub', '=', sub);
  if (q.unread) query = query.where('r.read_at', 'is', null);
  if (q.before)
    query = query.where(
      sql<SqlBool>`(r.created_at, r.notification_id) < (${q.before.at}::timestamptz, ${q.before.id})`,
    );
  return query.orderBy('r.created_at', 'desc').orderBy('r.notification_id', 'desc').limit(q.limit).execute();
}

/** The notifications whose audience includes the principal (the SQL form of audienceIncludes). */
function addressedTo(p: Principal): Expression<SqlBool> {
  const org = sql<SqlBool>`(n.recipient_org IS NULL OR n.recipient_org = ${p.org})`;
  if (p.role === 'institution') return sql<SqlBool>`(n.recipient_role = ${p.role} AND ${org})`;
  return sql<SqlBool>`(n.recipient_role = ${p.role} AND ${org} AND n.division_code LIKE ${`${divisionPrefix(p.division)}%`})`;
}

/** A caller without an account: the notifications addressed to its principal, newest first. */
export async function audienceInbox(db: Db, p: Principal, q: InboxQuery): Promise<InboxRow[]> {
  let query = db
    .selectFrom('notifications as n')
    .leftJoin('notification_recipients as r', (join) =>
      join.onRef('r.notification_id', '=', 'n.notification_id').on('r.recipient_sub', '=', p.sub),
    )
    .selectAll('n')
    .select(['r.read_at', position('n.created_at').as('position')])
    .where(addressedTo(p));
  if (q.unread) query = query.where('r.read_at', 'is', null);
  if (q.before)
    query = query.where(
      sql<SqlBool>`(n.created_at, n.notification_id) < (${q.before.at}::timestamptz, ${q.before.id})`,
    );
  return query.orderBy('n.created_at', 'desc').orderBy('n.notification_id', 'desc').limit(q.limit).execute();
}

/** Marks a person's notifications read (those given, or all); returns how many changed. */
export async function markRecipientRead(db: Db, sub: string, ids: readonly string[] | 'all'): Promise<number> {
  let query = db
    .updateTable('notification_recipients')
    .set({ read_at: new Date() })
    .where('recipient_sub', '=', sub)
    .where('read_at', 'is', null);
  if (ids !== 'all') {
    if (ids.length === 0) return 0;
    query = query.where('notification_id', 'in', [...ids]);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Marks notifications addressed to a caller without an account read, under its subject. */
export async function markAudienceRead(db: Db, p: Principal, ids: readonly string[] | 'all'): Promise<number> {
  if (ids !== 'all' && ids.length === 0) return 0;
  const now = new Date();
  let source = db
    .selectFrom('notifications as n')
    .select([sql.lit(p.sub).as('recipient_sub'), 'n.notification_id', 'n.created_at', sql<Date>`${now}`.as('read_at')])
    .where(addressedTo(p));
  if (ids !== 'all') source = source.where('n.notification_id', 'in', [...ids]);
  const result = await db
    .insertInto('notification_recipients')
    .columns(['recipient_sub', 'notification_id', 'created_at', 'read_at'])
    .expression(source)
    .onConflict((oc) =>
      oc
        .columns(['recipient_sub', 'notification_id'])
        .doUpdateSet({ read_at: now })
        .where('notification_recipients.read_at', 'is', null),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}

export interface NotificationPreferences {
  emailDigest: boolean;
}

const DEFAULT_PREFERENCES: NotificationPreferences = { emailDigest: true };

export function preferencesOf(stored: Record<string, unknown>): NotificationPreferences {
  return {
    emailDigest: typeof stored.emailDigest === 'boolean' ? stored.emailDigest : DEFAULT_PREFERENCES.emailDigest,
  };
}

/** The user's preferences, or null for no such user. */
export async function findPreferences(db: Db, userId: string): Promise<NotificationPreferences | null> {
  const row = await db
    .selectFrom('users')
    .select('notification_preferences')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? preferencesOf(row.notification_preferences) : null;
}

/** Merges the change into the user's preferences; null for no such user. */
export async function updatePreferences(
  db: Db,
  userId: string,
  change: Partial<NotificationPreferences>,
): Promise<NotificationPreferences | null> {
  const row = await db
    .updateTable('users')
    .set({ notification_preferences: sql`notification_preferences || ${JSON.stringify(change)}::jsonb` })
    .where('user_id', '=', userId)
    .returning('notification_preferences')
    .executeTakeFirst();
  return row ? preferencesOf(row.notification_preferences) : null;
}
