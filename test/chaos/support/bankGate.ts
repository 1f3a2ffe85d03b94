// A pass-through in front of the fake bank that can hold one payment, either before the bank
// sees it or after the bank has executed it and before its answer reaches the worker. While it
// is held the test kills the worker: the two moments where a crash most easily pays twice.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HoldStage = 'request' | 'answer';

export interface Hold {
  reference: string;
  idempotencyKey: string;
  /** The payer's end of the connection (its local port): which process is paying. */
  remotePort: number;
  /** deliver: pass it on; otherwise the connection is cut, as a dead process would leave it. */
  release(deliver: boolean): void;
}

export interface BankGate {
  readonly url: string;
  /** The next payment whose reference matches is held at `stage`; resolves once it is. */
  arm(stage: HoldStage, match: (reference: string) => boolean): Promise<Hold>;
  disarm(): void;
  close(): Promise<void>;
}

interface Armed {
  stage: HoldStage;
  match: (reference: string) => boolean;
  taken: (h: Hold) => void;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

function referenceOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { reference?: unknown };
    return typeof parsed.reference === 'string' ? parsed.reference : '';
  } catch {
    return '';
  }
}

export async function startBankGate(bankUrl: string): Promise<BankGate> {
  let armed: Armed | null = null;
  const pending = new Set<(deliver: boolean) => void>();

  /** Resolves true to go on, false when the connection was cut instead. */
  function holdIfArmed(stage: HoldStage, reference: string, key: string, remotePort = 0): Promise<boolean> | null {
    const a = armed;
    if (!a || a.stage !== stage || !a.match(reference)) return null;
    armed = null;
    return new Promise<boolean>((resolve) => {
      const release = (deliver: boolean) => {
        pending.delete(release);
        resolve(deliver);
      };
      pending.add(release);
      a.taken({ reference, idempotencyKey: key, remotePort, release });
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const key = String(req.headers['idempotency-key'] ?? '');
    const reference = req.method === 'POST' ? referenceOf(body) : '';
    const before = holdIfArmed('request', reference, key, req.socket.remotePort);
    if (before && !(await before)) return void req.socket.destroy();
    let status: number;
    let text: string;
    try {
      const answer = await fetch(`${bankUrl}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
        ...(req.method === 'POST' ? { body } : {}),
      });
      status = answer.status;
      text = await answer.text();
    } catch {
      // The bank cut the connection (its dropped-answer fault): cut ours too.
      return void req.socket.destroy();
    }
    const after = holdIfArmed('answer', reference, key, req.socket.remotePort);
    if (after && !(await after)) return void req.socket.destroy();
    res.writeHead(status, { 'content-type': 'application/json' }).end(text);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arm(stage, match) {
      return new Promise<Hold>((taken) => {
        armed = { stage, match, taken };
      });
    },
    disarm() {
      armed = null;
    },
    async close() {
      for (const release of [...pending]) release(false);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
