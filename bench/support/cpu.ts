// Where the CPU went during a phase: this process (API, worker, load), the Temporal dev server,
// and the PostgreSQL backends serving the benchmark's database, read from /proc (Linux only;
// elsewhere the figures are absent). A backend that closes during the phase takes its share along.
import { readFileSync, readdirSync } from 'node:fs';
import { sql } from 'kysely';
import type { BenchServices } from './services.js';

const TICK = 100; // USER_HZ on Linux

function ticksOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]); // utime + stime
  } catch {
    return 0;
  }
}

function temporalServerPid(address: string): number | null {
  const port = address.split(':').pop();
  try {
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      let cmd = '';
      try {
        cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      const args = cmd.split('\0');
      if (args.includes('start-dev') && args[args.indexOf('--port') + 1] === port) return Number(d);
    }
  } catch {
    // no procfs
  }
  return null;
}

export interface CpuSnapshot {
  node: number;
  temporal: number;
  postgres: Map<number, number>;
}

export async function cpuSnapshot(
  s: Pick<BenchServices, 'db'> & { server: { address: string } },
): Promise<CpuSnapshot> {
  const usage = process.cpuUsage();
  const pid = temporalServerPid(s.server.address);
  const backends = await sql<{
    pid: number;
  }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(s.db);
  return {
    node: (usage.user + usage.system) / 1e6,
    temporal: pid ? ticksOf(pid) / TICK : Number.NaN,
    postgres: new Map(backends.rows.map((r) => [r.pid, ticksOf(r.pid) / TICK])),
  };
}

/** CPU seconds spent between two snapshots, per component. */
export function cpuSpent(a: CpuSnapshot, b: CpuSnapshot): { node: number; temporal: number; postgres: number } {
  let postgres = 0;
  for (const [pid, t] of b.postgres) postgres += t - (a.postgres.get(pid) ?? 0);
  return { node: b.node - a.node, temporal: b.temporal - a.temporal, postgres };
}

export function describeCpu(
  spent: { node: number; temporal: number; postgres: number },
  per: number,
  unit: string,
): string {
  // The cluster's Temporal services are processes this run does not watch: no figure, not NaN.
  const ms = (x: number) => (Number.isNaN(x) ? 'not measured' : `${((x * 1000) / per).toFixed(0)} ms`);
  return `this process ${ms(spent.node)}, Temporal server ${ms(spent.temporal)}, PostgreSQL ${ms(spent.postgres)} of CPU per ${unit}`;
}
