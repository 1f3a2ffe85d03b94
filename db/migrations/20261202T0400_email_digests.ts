// The daily e-mail digest: one row per user and Shanghai day, the send's outcome. (user_id, day)
// is the key that makes a digest go out once: the sending activity locks the row for the SMTP
// transaction and marks it 'sent' with the server's answer, and a retry finds it 'sent'.
// Frozen: a later change is a new migration, never an edit of this one.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE email_digests (
      user_id        uuid NOT NULL REFERENCES users(user_id) ON DELETE CASCADE,
      day            date NOT NULL,
      state          text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent')),
      -- Derived from user and day only, so a resend after a crash carries the same Message-ID.
      message_id     text NOT NULL,
      -- SMTP transactions begun for this row (a value above 1 with state 'sent' is a retry).
      attempts       integer NOT NULL DEFAULT 0,
      new_tasks      integer,
      due_soon       integer,
      overdue        integer,
      smtp_response  text,
      created_at     timestamptz NOT NULL DEFAULT now(),
      sent_at        timestamptz,
      PRIMARY KEY (user_id, day)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE email_digests`.execute(db);
}
