// Starts workerProcess.ts as a child process, waits until it polls, and kills it with SIGKILL:
// no shutdown hook runs, exactly as when a machine or container dies. Its stdout and stderr are
// appended to a log file that the privacy scan reads afterwards.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ENTRY = fileURLToPath(new URL('./workerProcess.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface WorkerChildOptions {
  databaseUrl: string;
  temporalAddress: string;
  taskQueue: string;
  paymentServiceUrl: string;
  bundlePath: string;
  logFile: string;
  paymentTimeoutMs?: number;
  /** More environment (SMTP_URL, MAIL_FROM, CONSOLE_URL for the e-mail digest). */
  env?: Record<string, string>;
}

export interface WorkerChild {
  readonly pid: number;
  /** Resolves with the exit code or signal once the process is gone. */
  readonly exited: Promise<string>;
  alive(): boolean;
  kill(): Promise<string>;
}

export async function startWorkerChild(o: WorkerChildOptions, readyTimeoutMs = 60_000): Promise<WorkerChild> {
  const log: WriteStream = createWriteStream(o.logFile, { flags: 'a' });
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: o.databaseUrl,
      TEMPORAL_ADDRESS: o.temporalAddress,
      TEMPORAL_TASK_QUEUE: o.taskQueue,
      PAYMENT_SERVICE_URL: o.paymentServiceUrl,
      WORKFLOW_BUNDLE_PATH: o.bundlePath,
      PAYMENT_TIMEOUT_MS: String(o.paymentTimeoutMs ?? 1000),
      ...o.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let gone = false;
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      gone = true;
      resolve(signal ?? `exit ${String(code)}`);
    }),
  );
  const ready = new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (seen !== 'done') {
        seen = (seen + chunk.toString('utf8')).slice(-200);
        if (seen.includes('worker ready')) {
          seen = 'done';
          resolve();
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => log.write(chunk));
    void exited.then((how) => reject(new Error(`worker process ended before it was ready (${how}); see ${o.logFile}`)));
  });
  void exited.then(() => log.end());
  const timer = setTimeout(() => child.kill('SIGKILL'), readyTimeoutMs);
  try {
    await ready;
  } finally {
    clearTimeout(timer);
  }
  return {
    pid: child.pid!,
    exited,
    alive: () => !gone,
    async kill() {
      if (!gone) child.kill('SIGKILL');
      return exited;
    },
  };
}
