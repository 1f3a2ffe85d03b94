// Starts what the integration tests share: one real Temporal dev server (in memory), a migrated
// template database on a real PostgreSQL (DATABASE_URL's server, or an embedded one), and the
// workflow bundle. Each test file clones its own database from the template.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { bundleCaseWorkflows } from '../../bin/runtime/worker.js';
import { ensureSearchAttributes } from '../../bin/runtime/searchAttributes.js';
import { createDb } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { loadOfficialCalendar } from '../../db/seedCalendar.js';
import { startTemporalDevServer } from '../../tools/temporal/devServer.js';
import { provisionTemporalCli } from '../../tools/temporal/provision.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    adminDatabaseUrl: string;
    templateDatabase: string;
    workflowBundlePath: string;
  }
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  const cli = provisionTemporalCli((line) => console.log(line));
  const [server, postgres, bundle] = await Promise.all([
    startTemporalDevServer({ cli }),
    process.env.DATABASE_URL
      ? Promise.resolve({ url: process.env.DATABASE_URL, stop: async () => {} })
      : // Loaded only when needed: the embedded server's package hooks process exit.
        import('../../tools/postgres/embedded.js').then(({ startEmbeddedPostgres }) =>
          startEmbeddedPostgres({
            dataDir: join(process.cwd(), '.data', 'test-postgres'),
            port: 54329,
            database: 'postgres',
          }),
        ),
    bundleCaseWorkflows(),
  ]);

  const connection = await Connection.connect({ address: server.address });
  await ensureSearchAttributes(connection, server.namespace);
  await connection.close();

  const template = `resettlement_test_${process.pid}`;
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const db = createDb({ connectionString: withDatabase(postgres.url, template), maxConnections: 2 });
  await migrateToLatest(db);
  await loadOfficialCalendar(db);
  await db.destroy();

  const dir = mkdtempSync(join(tmpdir(), 'resettlement-test-'));
  const bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle);

  project.provide('temporalAddress', server.address);
  project.provide('adminDatabaseUrl', postgres.url);
  project.provide('templateDatabase', template);
  project.provide('workflowBundlePath', bundlePath);
  console.log(`test services ready in ${Date.now() - started} ms (Temporal ${server.address}, CLI: ${cli.how})`);

  return async () => {
    const leftovers = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `${template}%`,
    ]);
    for (const { datname } of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
    await server.stop();
    await postgres.stop();
  };
}
