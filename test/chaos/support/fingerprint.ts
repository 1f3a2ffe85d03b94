// The database's state in a few numbers: rows per table and every audit chain's head (max seq
// and hash), plus the read models' projection versions. Left out, because a refused request
// legitimately leaves them: idempotency keys (a 400 answer remembered with its key), and what a
// refused sign-in records, its failure (sign_in_failures) and its event on the `access` chain.
import { sql } from 'kysely';
import type { Db } from '../../../db/database.js';

export async function fingerprint(db: Db): Promise<string> {
  const { rows: tables } = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('idempotency_keys', 'sign_in_failures') AND table_name NOT LIKE 'kysely_%' ORDER BY table_name`.execute(
    db,
  );
  const counts = await Promise.all(
    tables.map(async ({ name }) => {
      const { rows } =
        name === 'audit_events'
          ? await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events WHERE chain_id <> 'access'`.execute(db)
          : await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(name)}`.execute(db);
      return `${name}=${rows[0]?.n ?? 0}`;
    }),
  );
  const heads = await db
    .selectFrom('audit_heads')
    .select(['chain_id', 'seq', 'hash'])
    .where('chain_id', '<>', 'access')
    .orderBy('chain_id')
    .execute();
  const { rows: versions } = await sql<{
    c: number;
    t: number;
  }>`SELECT (SELECT coalesce(sum(projection_version), 0)::int FROM cases) AS c,
    (SELECT coalesce(sum(projection_version), 0)::int FROM tasks) AS t`.execute(db);
  return JSON.stringify({
    counts,
    heads: heads.map((h) => `${h.chain_id}:${h.seq}:${h.hash.slice(0, 12)}`),
    versions: versions[0],
  });
}

/** Explains a difference between two fingerprints in a line. */
export function difference(before: string, after: string): string {
  const a = JSON.parse(before) as { counts: string[]; heads: string[] };
  const b = JSON.parse(after) as { counts: string[]; heads: string[] };
  const changed = [
    ...b.counts.filter((c) => !a.counts.includes(c)),
    ...b.heads.filter((h) => !a.heads.includes(h)).map((h) => `chain ${h}`),
  ];
  return changed.length > 0 ? changed.join(', ') : 'projection versions changed';
}
