// Finds or builds the Temporal CLI (which contains the dev server) without a download the
// project cannot make here: TEMPORAL_CLI_PATH, then `temporal` on PATH, then our cached build,
// then a build from the Go module proxy, and only then @temporalio/testing's own download
// (which needs internet access).
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** v1.5.1 is the newest tag `go install` accepts: later tags carry a `replace` directive. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

export interface TemporalCli {
  /** Path of the binary, or null when @temporalio/testing should download one. */
  readonly path: string | null;
  readonly how: 'env' | 'path' | 'cache' | 'built' | 'download';
}

export function temporalCliCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(base, 'orphan-resettlement', `temporal-cli-${TEMPORAL_CLI_VERSION}`);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** Resolves the CLI without building anything; null when a build or download is needed. */
export function findTemporalCli(): TemporalCli | null {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`TEMPORAL_CLI_PATH=${fromEnv} is not an executable file`);
    return { path: fromEnv, how: 'env' };
  }
  const found = onPath('temporal');
  if (found) return { path: found, how: 'path' };
  const cached = join(temporalCliCacheDir(), 'temporal');
  if (isExecutable(cached)) return { path: cached, how: 'cache' };
  return null;
}

/** Finds the CLI or builds it with Go (a few minutes, once per machine). */
export function provisionTemporalCli(log: (line: string) => void = () => {}): TemporalCli {
  const found = findTemporalCli();
  if (found) return found;
  if (!onPath('go')) {
    log('Temporal CLI not found and Go is not installed: @temporalio/testing will download the dev server');
    return { path: null, how: 'download' };
  }
  const dir = temporalCliCacheDir();
  mkdirSync(dir, { recursive: true });
  log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${dir} (takes a few minutes, once) ...`);
  const build = spawnSync('go', ['install', `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`], {
    env: { ...process.env, GOBIN: dir, GOFLAGS: '-mod=mod' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) {
    throw new Error(`go install of the Temporal CLI failed with exit code ${String(build.status)}`);
  }
  const path = join(dir, 'temporal');
  execFileSync(path, ['--version'], { stdio: 'ignore' });
  return { path, how: 'built' };
}
