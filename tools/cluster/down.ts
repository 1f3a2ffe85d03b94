// `npm run cluster:down`: stops what cluster:up started, intake first and PostgreSQL last, each
// with its own signal, waiting for each to exit (SIGKILL of its group after 30 s).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { alive } from '../process/child.js';
import { CLUSTER_STATE_FILE, clusterDir, readState } from './state.js';

const dir = clusterDir();
if (!existsSync(join(dir, CLUSTER_STATE_FILE))) {
  console.log(`no cluster state in ${dir}: nothing to stop`);
  process.exit(0);
}
for (const p of readState(dir).processes) {
  if (!p.running) continue;
  process.kill(p.pid, p.signal);
  const deadline = Date.now() + 30_000;
  while (alive(p.pid) && Date.now() < deadline) await sleep(100);
  if (alive(p.pid)) {
    try {
      process.kill(-p.pid, 'SIGKILL');
    } catch {
      process.kill(p.pid, 'SIGKILL');
    }
    console.log(`  ${p.name}: killed after 30 s`);
  } else console.log(`  stopped ${p.name}`);
}
