// Who holds a TCP port, read from /proc (Linux) without extra tools: the listening sockets of
// /proc/net/tcp and tcp6, and the processes whose /proc/<pid>/fd links point at those sockets.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

/** st in /proc/net/tcp: 0A LISTEN, 01 ESTABLISHED. */
const LISTEN = '0A';
const ESTABLISHED = '01';

export interface PortHolder {
  /** null when the socket's owner is not visible (another user's process, or no procfs). */
  readonly pid: number | null;
  readonly command: string | null;
}

/** Inodes of the sockets listening on `port` (any address, IPv4 or IPv6). */
export function listeningInodes(port: number): Set<string> {
  return socketInodes(port, LISTEN);
}

function socketInodes(port: number, state: string): Set<string> {
  const inodes = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== state) continue;
      const local = f[1]!;
      if (parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port) inodes.add(f[9]!);
    }
  }
  return inodes;
}

/** The pids whose open files include one of these socket inodes. */
function socketOwners(inodes: Set<string>, pids?: Iterable<number>): number[] {
  if (inodes.size === 0) return [];
  const owners: number[] = [];
  const candidates = pids
    ? [...pids]
    : readdirSync('/proc')
        .filter((n) => /^\d+$/.test(n))
        .map(Number);
  for (const pid of candidates) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // gone, or not ours to read
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m && inodes.has(m[1]!)) {
        owners.push(pid);
        break;
      }
    }
  }
  return owners;
}

export function commandOf(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ') || null;
  } catch {
    return null;
  }
}

/** The process listening on `port`, or null when the port is free. */
export function portHolder(port: number): PortHolder | null {
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return null;
  let owners: number[] = [];
  try {
    owners = socketOwners(inodes);
  } catch {
    // no procfs
  }
  const pid = owners[0] ?? null;
  return { pid, command: pid === null ? null : commandOf(pid) };
}

/** The process whose established connection has the local port `port` (a client's end). */
export function connectionOwner(port: number): number | null {
  return socketOwners(socketInodes(port, ESTABLISHED))[0] ?? null;
}

/** Is `port` listening, and by `pid` or one of its descendants? */
export function listensOn(port: number, pid: number): boolean {
  return socketOwners(listeningInodes(port), [pid, ...descendants(pid)]).length > 0;
}

/** Every live process below `pid` (children, grandchildren, ...), from /proc/<pid>/stat's ppid. */
export function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(name), ppid);
    } catch {
      // gone
    }
  }
  const found: number[] = [];
  const frontier = [pid];
  while (frontier.length) {
    const parent = frontier.pop()!;
    for (const [child, ppid] of parentOf) {
      if (ppid === parent) {
        found.push(child);
        frontier.push(child);
      }
    }
  }
  return found;
}

/** A sentence for an operator: which port is taken, and by what. */
export function describeHolder(port: number, what: string, holder: PortHolder, hint: string): string {
  const by =
    holder.pid === null
      ? 'a process this user cannot see'
      : `pid ${holder.pid}${holder.command ? ` (${holder.command})` : ''}`;
  return `port ${port} (${what}) is already in use by ${by}; ${hint}`;
}

/** A port the kernel says is free now (for tests and for choosing ports). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A free port in [low, high]: for ports stored in narrow columns (Temporal's membership ports are a smallint). */
export async function freePortBetween(low: number, high: number, host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    const ok = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.unref();
      server.once('error', () => resolve(false));
      server.listen(port, host, () => server.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error(`no free port between ${low} and ${high}`);
}
