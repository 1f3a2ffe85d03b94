// Spawns httpLoadChild.ts for one bounded HTTP load over real loopback sockets and reads its answer.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Age } from './people.js';

export interface HttpLoadJob {
  engine: 'autocannon' | 'loop';
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  connections: number;
  /** autocannon stops at this; the loop stops starting requests at it. */
  durationSeconds: number;
  maxRequests: number;
  /** POST /v1/cases bodies, each with a new valid ID number from startIndex on. */
  registration?: { age: Age; startIndex: number; hukouType?: 'urban' | 'rural' | 'pastoral' };
}

export interface HttpLoadResult {
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSeconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  mean: number;
  /** The next unused registration index. */
  nextIndex: number;
}

const CHILD = fileURLToPath(new URL('./httpLoadChild.ts', import.meta.url));

export function httpLoad(job: HttpLoadJob): Promise<HttpLoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: { ...process.env, BENCH_LOAD: JSON.stringify(job) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    // Bounded: the load itself stops at its duration; this only guards against a hung child.
    const guard = setTimeout(() => child.kill('SIGKILL'), (job.durationSeconds + 90) * 1000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(guard);
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line) return reject(new Error(`load generator exited with ${String(code)}`));
      resolve(JSON.parse(line) as HttpLoadResult);
    });
  });
}
