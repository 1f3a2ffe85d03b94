// GET /v1/cases pages through cases in (created_at, case_id) order. The existing indexes lead with
// division or institution, which serves a county or an institution; a league or the whole region
// spans many divisions, so without this index every page would sort all their cases first.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX cases_created_idx ON cases (created_at, case_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX cases_created_idx`.execute(db);
}
