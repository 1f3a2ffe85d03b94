// The Temporal server and its schema tool, built from the Go module proxy like the CLI and cached
// outside the repository: ~/.cache/orphan-resettlement/temporal-server-v1.29.1/bin/{server,sql}.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const TEMPORAL_SERVER_VERSION = 'v1.29.1';

export interface ServerBinaries {
  readonly server: string;
  readonly sql: string;
}

export function serverBinDir(): string {
  const base = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(base, 'orphan-resettlement', `temporal-server-${TEMPORAL_SERVER_VERSION}`, 'bin');
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds the binaries or builds them (each about 3 minutes on 2 idle cores, once per machine). */
export function provisionServerBinaries(log: (line: string) => void = () => {}): ServerBinaries {
  const dir = serverBinDir();
  const binaries = { server: join(dir, 'server'), sql: join(dir, 'sql') };
  const packages = {
    server: `go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION}`,
    sql: `go.temporal.io/server/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
  };
  mkdirSync(dir, { recursive: true });
  for (const name of ['server', 'sql'] as const) {
    if (executable(binaries[name])) continue;
    log(`building the Temporal ${name === 'server' ? 'server' : 'schema tool'} ${TEMPORAL_SERVER_VERSION} with Go ...`);
    const started = Date.now();
    // disable_grpc_modules: leaves out gRPC's optional cloud modules, as Temporal's own builds do.
    execFileSync('go', ['install', '-tags', 'disable_grpc_modules', packages[name]], {
      env: { ...process.env, GOBIN: dir, GOFLAGS: '-buildvcs=false' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    log(`built ${binaries[name]} in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  return binaries;
}
