// Lets one statement append an audit event (db/repositories/audit.ts): the chain head keeps the
// hash it had before its last move, so the UPDATE that moves it can hand that hash to the event as
// its prev_hash (RETURNING sees only new values), and the key of the event that moved it last, so
// a retry racing the write it repeats is recognised on the locked head row itself, which an UPDATE
// that waited for the lock re-reads at its newest.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE audit_heads ADD COLUMN prev_hash text, ADD COLUMN last_event_key text;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE audit_heads DROP COLUMN prev_hash, DROP COLUMN last_event_key;
  `.execute(db);
}
