import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import { StatementNames, prepareRepeated } from './preparedStatements.js';
import type { Database } from './schema.js';

// Dates are calendar dates (Asia/Shanghai), not instants: keep them as YYYY-MM-DD strings
// instead of letting node-postgres turn them into midnight in the process's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
// Money is bigint in the database and integer fen here; amounts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export type Db = Kysely<Database>;
/** An open transaction: a repository function that locks rows takes one, so the compiler sees to it. */
export type Trx = Transaction<Database>;

export interface DbOptions {
  readonly connectionString: string;
  readonly maxConnections?: number;
  readonly applicationName?: string;
  /** Told when an idle connection breaks (a database restart); the pool reconnects on next use. */
  readonly onIdleError?: (err: Error) => void;
}

export function createDb(options: DbOptions): Db {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? 'orphan-resettlement',
  });
  // Without a listener, a connection dropped while idle (a restart, a failover) would crash the
  // process; the pool discards that client and the next query opens a fresh one.
  pool.on('error', (err) => options.onIdleError?.(err));
  // A connection that breaks while checked out (mid-transaction) emits on the client itself;
  // the query in flight fails with the error, and the listener keeps the process alive.
  pool.on('connect', (client) => client.on('error', (err) => options.onIdleError?.(err)));
  const names = new StatementNames();
  pool.on('connect', (client) => prepareRepeated(client, names));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
