// The dev server writes a JSON warning for every slow gRPC call, and under benchmark load every
// call is slow: thousands of lines that bury the progress. The run goes on in a child whose output
// passes through here, less those lines, which are only counted.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const NOISE = /^\{"time":"[^"]+","level":"WARN","msg":"Slow gRPC call"/;

export function runFiltered(script: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, BENCH_INNER: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let dropped = 0;
    for (const [from, to] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const) {
      createInterface({ input: from }).on('line', (line) => {
        if (NOISE.test(line)) dropped++;
        else to.write(`${line}\n`);
      });
    }
    // A signal to this process goes to the run, which stops its services before it exits.
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGTERM', forward);
    process.on('SIGINT', forward);
    child.on('error', reject);
    child.on('close', (code) => {
      process.off('SIGTERM', forward);
      process.off('SIGINT', forward);
      if (dropped) process.stderr.write(`(${dropped} "Slow gRPC call" warnings of the Temporal dev server left out)\n`);
      resolve(code ?? 1);
    });
  });
}
