// Search by name or full ID number (POST /v1/cases/search). Frozen: a later change is a new
// migration, never an edit of this one.
//
// - persons.id_number_hash: the keyed hash of the ID number (db/idNumberHash.ts, HMAC under
//   SEARCH_HASH_KEY, which this migration needs too), written with the number at registration and
//   correction, filled here for the persons already registered; search matches a full ID number
//   through it, never the number itself.
// - A trigram index on the name (pg_trgm, in PostgreSQL's contrib and trusted since 13, so the
//   database owner may create it) makes a substring search of names an index scan for three
//   characters or more; two-character names (张三) have no whole trigram and are read from the table.
//   Without pg_trgm on the server, the search works the same, by reading the table.
import { createHmac } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

// The hash as db/idNumberHash.ts computed it when this was written, kept here so that the frozen
// migration does not change with that module.
const DEVELOPMENT_KEY = 'orphan-resettlement-development-search-hash-key';
function searchHashKey(): string {
  const key = process.env.SEARCH_HASH_KEY;
  if (key) {
    if (key.length < 32) throw new Error('SEARCH_HASH_KEY must be at least 32 characters');
    return key;
  }
  if (process.env.NODE_ENV === 'production') throw new Error('SEARCH_HASH_KEY is required when NODE_ENV=production');
  return DEVELOPMENT_KEY;
}
const idNumberHash = (idNumber: string, key: string) =>
  createHmac('sha256', key).update(idNumber.trim().toUpperCase()).digest('hex');

const BATCH = 1000;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE persons ADD COLUMN id_number_hash text`.execute(db);
  const key = searchHashKey();
  for (let after = ''; ;) {
    const { rows } = await sql<{ person_id: string; id_number: string }>`
      SELECT person_id::text, id_number FROM persons WHERE person_id::text > ${after} ORDER BY person_id::text LIMIT ${BATCH}
    `.execute(db);
    if (rows.length === 0) break;
    const ids = rows.map((r) => r.person_id);
    const hashes = rows.map((r) => idNumberHash(r.id_number, key));
    await sql`
      UPDATE persons SET id_number_hash = h.hash
      FROM unnest(${ids}::uuid[], ${hashes}::text[]) AS h(person_id, hash)
      WHERE persons.person_id = h.person_id
    `.execute(db);
    after = ids[ids.length - 1]!;
  }
  await sql`CREATE INDEX persons_id_number_hash ON persons (id_number_hash)`.execute(db);
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pg_available_extensions WHERE name = 'pg_trgm'
  `.execute(db);
  if (rows[0]!.n > 0) {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    await sql`CREATE INDEX persons_name_trgm ON persons USING gin (name gin_trgm_ops)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS persons_name_trgm`.execute(db);
  await sql`DROP INDEX persons_id_number_hash`.execute(db);
  await sql`ALTER TABLE persons DROP COLUMN id_number_hash`.execute(db);
}
