// `npm run bench -- --cluster` (or BENCH_CLUSTER=1): the batch approval against the production
// topology of tools/cluster (Temporal server v1.29.1 as four processes on a PostgreSQL of its
// own, 2 workers and 2 APIs run by `npm run start:worker` / `start:api` from a fresh build)
// instead of the dev server with an in-process worker and API. The approvals go to both API
// instances in turn, as behind a load balancer. CPU is read from /proc for each process tree: the
// four Temporal services, the APIs and workers, and the topology's PostgreSQL (both databases).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createSigner } from 'fast-jwt';
import { createDb } from '../../db/database.js';
import { type ClusterProcess, startCluster } from '../../tools/cluster/topology.js';
import { treeSeconds } from './cpu.js';
import type { BatchServices } from '../batchApproval.js';
import { log } from './report.js';

export async function startClusterBenchServices(): Promise<BatchServices & { close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'resettlement-bench-cluster-'));
  chmodSync(dir, 0o755); // the topology's PostgreSQL runs as the postgres user when we are root
  const cluster = await startCluster({
    dir,
    log,
    // A benchmark is a few callers sending thousands of requests: the limiter would only measure itself.
    productEnv: { RATE_LIMIT_PER_MINUTE: '1000000000' },
  });
  const db = createDb({ connectionString: cluster.databaseUrl, applicationName: 'bench' });
  const connection = await Connection.connect({ address: cluster.temporalAddress });
  const sign = createSigner({ key: cluster.jwtSecret, algorithm: 'HS256', expiresIn: 2 * 3600 * 1000 });
  return {
    server: { address: cluster.temporalAddress },
    db,
    client: new Client({ connection, namespace: cluster.namespace }),
    baseUrl: cluster.apiUrls,
    processCpu: () => {
      const sum = (ps: readonly ClusterProcess[]) => ps.reduce((t, p) => t + treeSeconds(p.pid()), 0);
      return {
        temporal: sum(Object.values(cluster.temporal)),
        product: sum([...cluster.apis, ...cluster.workers]),
        // Both databases: the product's and Temporal's persistence and visibility.
        postgres: sum([cluster.postgres]),
      };
    },
    token: (p) => sign({ ...p }),
    async close() {
      await connection.close();
      await db.destroy();
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
