// What `npm run cluster:up` leaves behind for `cluster:down`: the processes, in the order to stop them.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { alive } from '../process/child.js';

export const CLUSTER_STATE_FILE = 'state.json';

export function clusterDir(): string {
  return resolve(process.env.CLUSTER_DIR ?? join(process.env.DATA_DIR ?? '.data', 'cluster'));
}

export interface ClusterState {
  processes: Array<{ name: string; pid: number; signal: NodeJS.Signals; running: boolean }>;
}

export function readState(dir: string): ClusterState {
  const raw = JSON.parse(readFileSync(join(dir, CLUSTER_STATE_FILE), 'utf8')) as {
    processes: Array<{ name: string; pid: number; signal: NodeJS.Signals }>;
  };
  return { processes: raw.processes.map((p) => ({ ...p, running: alive(p.pid) })) };
}

/** The postmaster's pid, from its own pid file. */
readState.postmasterPid = (dir: string): number =>
  Number(readFileSync(join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
