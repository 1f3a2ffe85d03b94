// `npm run cluster:up`: starts the topology (topology.ts) under .data/cluster and leaves it
// running; `npm run cluster:down` stops it. The processes and their order are kept in state.json.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_STATE_FILE, clusterDir, readState } from './state.js';
import { startCluster } from './topology.js';

const dir = clusterDir();
if (existsSync(join(dir, CLUSTER_STATE_FILE)) && readState(dir).processes.some((p) => p.running)) {
  console.error(`a cluster is already running from ${dir}: npm run cluster:down first`);
  process.exit(1);
}
const started = Date.now();
const cluster = await startCluster({ dir, log: (line) => console.log(line) });
writeFileSync(
  join(dir, CLUSTER_STATE_FILE),
  JSON.stringify(
    {
      processes: cluster.stopOrder().map((p) => ({
        name: p.name,
        pid: p === cluster.postgres ? readState.postmasterPid(dir) : p.child().pid,
        signal: p === cluster.postgres ? 'SIGINT' : 'SIGTERM',
      })),
      apiUrls: cluster.apiUrls,
      temporalAddress: cluster.temporalAddress,
      databaseUrl: cluster.databaseUrl,
    },
    null,
    2,
  ),
);
cluster.release();
console.log(`
  Cluster is running (${((Date.now() - started) / 1000).toFixed(0)} s), data and logs in ${dir}
    APIs       ${cluster.apiUrls.join('  ')}
    Temporal   ${cluster.temporalAddress} (namespace ${cluster.namespace}; 4 services, 4 history shards)
    PostgreSQL ${cluster.databaseUrl.replace(':postgres@', ':***@')}
  A token: JWT_SECRET=$(node -p "require('${join(dir, 'secrets.json')}').jwtSecret") npm run token -- --role institution --org inst-1 --division 150102
  Stop it: npm run cluster:down
`);
process.exit(0);
