// Notifications reach people: every kind the engine sends (tasks opened, reminders, escalations,
// review decisions, payments, standards awaiting co-signature), and one row per recipient so that
// each person reads their own. Frozen: a later change is a new migration, never an edit of this one.
//
// A `notifications` row is what happened and to which audience (role, org, division), written in
// the transaction of the event that caused it; a `notification_recipients` row is one user of
// that audience as resolved at that moment, with that user's read state. A caller without an
// account (a bearer token) is matched against the audience instead and keeps its read state in
// the same table under its token's subject. created_at is copied into the recipient row so that a
// person's inbox is read newest first from one index.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
    ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
      CHECK (kind IN ('reminder', 'escalation', 'task_assigned', 'decision', 'payment', 'cosignature'));
    -- A standard awaiting co-signature belongs to no case.
    ALTER TABLE notifications ALTER COLUMN case_id DROP NOT NULL;
    ALTER TABLE notifications ADD COLUMN standard_id uuid REFERENCES subsidy_standards(standard_id);
    -- What the message says, as data (task kind, due date, decision, payment status): no name or ID number.
    ALTER TABLE notifications ADD COLUMN details jsonb NOT NULL DEFAULT '{}';
    ALTER TABLE notifications ADD CONSTRAINT notifications_subject_check
      CHECK (case_id IS NOT NULL OR standard_id IS NOT NULL);
    CREATE INDEX notifications_audience_idx ON notifications (recipient_role, created_at DESC, notification_id DESC);

    CREATE TABLE notification_recipients (
      recipient_sub    text NOT NULL CHECK (length(recipient_sub) BETWEEN 1 AND 200),
      notification_id  text NOT NULL REFERENCES notifications(notification_id) ON DELETE CASCADE,
      created_at       timestamptz NOT NULL,
      read_at          timestamptz,
      PRIMARY KEY (recipient_sub, notification_id)
    );
    CREATE INDEX notification_recipients_inbox_idx
      ON notification_recipients (recipient_sub, created_at DESC, notification_id DESC);
    CREATE INDEX notification_recipients_unread_idx
      ON notification_recipients (recipient_sub, created_at DESC, notification_id DESC) WHERE read_at IS NULL;
    CREATE INDEX notification_recipients_notification_idx ON notification_recipients (notification_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TABLE notification_recipients;
    DROP INDEX notifications_audience_idx;
    ALTER TABLE notifications DROP CONSTRAINT notifications_subject_check;
    ALTER TABLE notifications DROP COLUMN details, DROP COLUMN standard_id;
    DELETE FROM notifications WHERE kind NOT IN ('reminder', 'escalation') OR case_id IS NULL;
    ALTER TABLE notifications ALTER COLUMN case_id SET NOT NULL;
    ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
    ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('reminder', 'escalation'));
  `.execute(db);
}
