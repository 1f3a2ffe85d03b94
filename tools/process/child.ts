// A server process the launcher owns: started in its own process group (so the terminal's Ctrl-C
// reaches only the launcher, which stops it in order), its output kept for error messages, and
// stopped by a signal with a wait for its exit (SIGKILL after a grace period).
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';

export interface OwnedChild {
  readonly pid: number;
  readonly process: ChildProcess;
  /** Resolves when it has exited, with a sentence saying how. */
  readonly exited: Promise<string>;
  isRunning(): boolean;
  /** The last lines it wrote (stdout and stderr). */
  recentOutput(): string;
  /** Sends `signal`, waits up to `graceMs`, then SIGKILLs its whole group. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
  /** Lets it outlive this process (it must write to a `logFile`): `npm run cluster:up`. */
  release(): void;
}

export interface OwnedChildOptions extends Pick<SpawnOptions, 'env' | 'uid' | 'gid' | 'cwd'> {
  onLine?: (line: string) => void;
  /** Write stdout and stderr to this file (appended) instead of pipes, so it may outlive us. */
  logFile?: string;
}

/** Still running at this process's exit (a signal during start-up, a crash): killed with their groups. */
const running = new Set<number>();
process.on('exit', () => {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

export function spawnOwned(command: string, args: string[], o: OwnedChildOptions = {}): OwnedChild {
  const { onLine, logFile, ...options } = o;
  const fd = logFile ? openSync(logFile, 'a') : null;
  const child = spawn(command, args, {
    ...options,
    detached: true,
    stdio: fd === null ? ['ignore', 'pipe', 'pipe'] : ['ignore', fd, fd],
  });
  if (fd !== null) closeSync(fd);
  const lines: string[] = [];
  let isRunning = true;
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 40) lines.shift();
      onLine?.(line);
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<string>((resolve) => {
    child.on('error', (err) => {
      isRunning = false;
      resolve(`could not start ${command}: ${err.message}`);
    });
    child.on('exit', (code, signal) => {
      isRunning = false;
      running.delete(pid);
      resolve(signal ? `killed by ${signal}` : `exited with code ${code}`);
    });
  });
  const pid = child.pid ?? -1;
  if (pid > 0) running.add(pid);
  return {
    pid,
    process: child,
    exited,
    isRunning: () => isRunning,
    recentOutput: () => (logFile ? tail(logFile) : lines.join('\n')),
    async stop(signal = 'SIGTERM', graceMs = 20_000) {
      if (!isRunning) return;
      try {
        // SIGKILL takes the whole group at once: a child that exec'd or spawned (npm's node) must not outlive it.
        process.kill(signal === 'SIGKILL' ? -pid : pid, signal);
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, graceMs);
      await exited;
      clearTimeout(timer);
    },
    release() {
      running.delete(pid);
      child.unref();
    },
  };
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-40).join('\n');
  } catch {
    return '';
  }
}

/** Running, and not a zombie waiting for its parent to reap it. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true; // no procfs: kill(0) said it is there
  }
}
