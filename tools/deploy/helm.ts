// Finds or builds Helm, which checks the chart (helm lint, helm template) without a cluster or a
// network: HELM_PATH, then our cached build, then a build from the Go module proxy (about 80 s
// on an idle machine, once). `helm` on PATH is not used: its version would decide the result.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const HELM_VERSION = 'v3.22.0';

export function helmCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(base, 'orphan-resettlement', `helm-${HELM_VERSION}`);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface Helm {
  readonly path: string;
  readonly how: 'env' | 'cache' | 'built';
}

export function findHelm(): Helm | null {
  const fromEnv = process.env.HELM_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`HELM_PATH=${fromEnv} is not an executable file`);
    return { path: fromEnv, how: 'env' };
  }
  const cached = join(helmCacheDir(), 'helm');
  return isExecutable(cached) ? { path: cached, how: 'cache' } : null;
}

export function provisionHelm(log: (line: string) => void = () => {}): Helm {
  const found = findHelm();
  if (found) return found;
  const dir = helmCacheDir();
  mkdirSync(dir, { recursive: true });
  log(`Building Helm ${HELM_VERSION} with Go into ${dir} (once; a minute or two) ...`);
  const build = spawnSync('go', ['install', `helm.sh/helm/v3/cmd/helm@${HELM_VERSION}`], {
    env: { ...process.env, GOBIN: dir, GOFLAGS: '-mod=mod' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.error) throw new Error(`Helm is not built: Go is needed (${build.error.message})`);
  if (build.status !== 0) throw new Error(`go install of Helm failed with exit code ${String(build.status)}`);
  const path = join(dir, 'helm');
  execFileSync(path, ['version'], { stdio: 'ignore' });
  return { path, how: 'built' };
}
