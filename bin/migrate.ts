// `npm run db:migrate`: brings the schema up to date and loads the official calendars known to
// chinese-days. Exits non-zero on any failure.
import { createDb } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { loadOfficialCalendar } from '../db/seedCalendar.js';
import { readConfig } from './runtime/config.js';
import { localPostgres } from './runtime/localServices.js';

const config = readConfig();
const pg = config.databaseUrl ? null : await localPostgres(config);
const db = createDb({ connectionString: config.databaseUrl ?? pg!.url, maxConnections: 2 });
try {
  const result = await migrateToLatest(db);
  const applied = (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
  const years = await loadOfficialCalendar(db);
  if (years.length) console.log(`loaded the official calendar for ${years.join(', ')}`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
} finally {
  await db.destroy();
  await pg?.stop();
}
// Exit explicitly: the embedded PostgreSQL's exit hook would otherwise turn a failure into 0.
process.exit(process.exitCode ?? 0);
