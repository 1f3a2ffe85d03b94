// Run as its own process by knownDefects.chaos.ts: a Kysely transaction (as registration holds
// one while it starts the workflow) loses its connection to a server-side termination, as on a
// PostgreSQL restart. Prints "survived" when the process lives on; a process that crashes on the
// unhandled 'error' event of the checked-out pg client never gets there.
import { sql } from 'kysely';
import pg from 'pg';
import { createDb } from '../../../db/database.js';

const url = process.env.DATABASE_URL!;
const db = createDb({ connectionString: url, maxConnections: 2, onIdleError: () => {} });
try {
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
    const killer = new pg.Client({ connectionString: url });
    await killer.connect();
    await killer.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    await killer.end();
    // The transaction awaits something else (Temporal, in registration) while its connection dies.
    await new Promise((r) => setTimeout(r, 1000));
  });
} catch {
  // the transaction failing is expected; the process dying is not
}
console.log('survived');
await db.destroy().catch(() => {});
