// Mailpit, a local SMTP server with an HTTP API, for the e-mail digest's tests and for trying the
// digest by hand: found in the project's cache or built once from the Go module proxy (like the
// Temporal binaries, tools/cluster/binaries.ts), started on free ports, stopped after.
//   ~/.cache/orphan-resettlement/mailpit-v1.33.1/mailpit
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type OwnedChild, spawnOwned } from '../process/child.js';
import { freePort } from '../process/ports.js';

export const MAILPIT_VERSION = 'v1.33.1';

export function mailpitBinDir(): string {
  const base = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(base, 'orphan-resettlement', `mailpit-${MAILPIT_VERSION}`);
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** MAILPIT_PATH, the cached build, or a build now (about two minutes on two idle cores, once). */
export function provisionMailpit(log: (line: string) => void = () => {}): string {
  if (process.env.MAILPIT_PATH) {
    if (!executable(process.env.MAILPIT_PATH))
      throw new Error(`MAILPIT_PATH=${process.env.MAILPIT_PATH} is not executable`);
    return process.env.MAILPIT_PATH;
  }
  const dir = mailpitBinDir();
  const binary = join(dir, 'mailpit');
  if (executable(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  log(`building Mailpit ${MAILPIT_VERSION} with Go ...`);
  execFileSync('go', ['install', `github.com/axllent/mailpit@${MAILPIT_VERSION}`], {
    env: { ...process.env, GOBIN: dir, GOFLAGS: '-buildvcs=false' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return binary;
}

/** A message as Mailpit's list answers it (GET /api/v1/messages). */
export interface MailSummary {
  ID: string;
  MessageID: string;
  Subject: string;
  To: Array<{ Name: string; Address: string }>;
}

/** One message (GET /api/v1/message/{ID}). */
export interface MailMessage extends MailSummary {
  Text: string;
  HTML: string;
}

export interface Mailpit {
  /** smtp://127.0.0.1:<port> for SMTP_URL. */
  readonly smtpUrl: string;
  readonly smtpPort: number;
  /** The web UI and API, http://127.0.0.1:<port>. */
  readonly httpUrl: string;
  messages(): Promise<MailSummary[]>;
  message(id: string): Promise<MailMessage>;
  /** Every message in full (bodies included). */
  all(): Promise<MailMessage[]>;
  deleteAll(): Promise<void>;
  stop(): Promise<void>;
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`Mailpit ${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Starts Mailpit on free ports with a temporary database (gone when it stops). */
export async function startMailpit(o: { binary?: string; readyTimeoutMs?: number } = {}): Promise<Mailpit> {
  const binary = o.binary ?? provisionMailpit();
  const [smtpPort, httpPort] = [await freePort(), await freePort()];
  const child: OwnedChild = spawnOwned(binary, [
    '--smtp',
    `127.0.0.1:${smtpPort}`,
    '--listen',
    `127.0.0.1:${httpPort}`,
    // Tests send as many as they like; the default keeps only the newest 500.
    '--max',
    '0',
    '--quiet',
  ]);
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  const deadline = Date.now() + (o.readyTimeoutMs ?? 30_000);
  for (;;) {
    try {
      const res = await fetch(`${httpUrl}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (!child.isRunning() || Date.now() > deadline) {
      await child.stop('SIGKILL');
      throw new Error(`Mailpit did not start: ${child.recentOutput()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const api = `${httpUrl}/api/v1`;
  const messages = async () => (await json<{ messages: MailSummary[] }>(`${api}/messages?limit=10000`)).messages;
  const message = (id: string) => json<MailMessage>(`${api}/message/${id}`);
  return {
    smtpUrl: `smtp://127.0.0.1:${smtpPort}`,
    smtpPort,
    httpUrl,
    messages,
    message,
    all: async () => Promise.all((await messages()).map((m) => message(m.ID))),
    deleteAll: async () => void (await fetch(`${api}/messages`, { method: 'DELETE' })),
    stop: () => child.stop('SIGTERM', 5000),
  };
}
