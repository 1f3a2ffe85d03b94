// Where the CPU went during a phase: this process (API, worker, load), the Temporal dev server,
// and the PostgreSQL backends serving the benchmark's database, read from /proc (Linux only;
// elsewhere the figures are absent). A backend that closes during the phase takes its share along.
import { readFileSync, readdirSync } from 'node:fs';
import { sql } from 'kysely';
import { descendants } from '../../tools/process/ports.js';
import type { BenchServices } from './services.js';

const TICK = 100; // USER_HZ on Linux

function ticksOf(pid: number, withReapedChildren = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime + stime, and cutime + cstime: the children it has waited for (PostgreSQL's closed backends)
    return Number(f[11]) + Number(f[12]) + (withReapedChildren ? Number(f[13]) + Number(f[14]) : 0);
  } catch {
    return 0;
  }
}

/** CPU seconds of a process and every live process below it, with the children it reaped. */
export function treeSeconds(pid: number): number {
  return (ticksOf(pid, true) + descendants(pid).reduce((sum, p) => sum + ticksOf(p), 0)) / TICK;
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
  /** The product's own processes (the cluster's APIs and workers), where they are not this one. */
  product?: number;
}

/** CPU seconds so far of processes the services own (the cluster's), by component. */
export interface ProcessCpu {
  temporal: number;
  product: number;
  postgres: number;
}

export async function cpuSnapshot(
  s: Pick<BenchServices, 'db'> & { server: { address: string }; processCpu?: () => ProcessCpu },
): Promise<CpuSnapshot> {
  const usage = process.cpuUsage();
  if (s.processCpu) {
    const c = s.processCpu();
    return {
      node: (usage.user + usage.system) / 1e6,
      temporal: c.temporal,
      postgres: new Map([[0, c.postgres]]),
      product: c.product,
    };
  }
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
export interface CpuSpent {
  node: number;
  temporal: number;
  postgres: number;
  product?: number;
}

export function cpuSpent(a: CpuSnapshot, b: CpuSnapshot): CpuSpent {
  let postgres = 0;
  for (const [pid, t] of b.postgres) postgres += t - (a.postgres.get(pid) ?? 0);
  const product = a.product !== undefined && b.product !== undefined ? { product: b.product - a.product } : {};
  return { node: b.node - a.node, temporal: b.temporal - a.temporal, postgres, ...product };
}

/** All of it: this process, the product's own processes, Temporal and PostgreSQL. */
export function totalCpu(spent: CpuSpent): number {
  return spent.node + (spent.product ?? 0) + spent.temporal + spent.postgres;
}

export function describeCpu(spent: CpuSpent, per: number, unit: string): string {
  const ms = (x: number) => (Number.isNaN(x) ? 'not measured' : `${((x * 1000) / per).toFixed(0)} ms`);
  const product = spent.product !== undefined ? `, the APIs and workers ${ms(spent.product)}` : '';
  return `this process ${ms(spent.node)}${product}, Temporal server ${ms(spent.temporal)}, PostgreSQL ${ms(spent.postgres)} of CPU per ${unit}`;
}
