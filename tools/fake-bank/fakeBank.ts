import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, truncateSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';

// A bank that honours Idempotency-Key the way a real one should, and that can be told to
// misbehave in exactly the ways that cause double payments in the wild: slow answers,
// 503s, and answers lost after the money has moved. Over 250 lines because the bank, its
// fault switches and its ledger file are one HTTP server whose parts share state; split, each
// part would only hand that state to the next.

export interface BankPayment {
  idempotencyKey: string;
  reference: string;
  amountFen: number;
  accountNo: string;
  bankReference: string;
  executedAt: string;
}

export interface Faults {
  timeoutRate?: number;
  errorRate?: number;
  dropAnswerRate?: number;
  seed?: number;
  /** How long a "timeout" holds the request; must exceed the client's timeout. Default 10 s. */
  holdMs?: number;
}

export interface FakeBankOptions {
  port?: number;
  host?: string;
  journalPath?: string;
}

export interface FakeBank {
  url: string;
  payments(): BankPayment[];
  setFaults(f: Faults): void;
  close(): Promise<void>;
}

type Entry =
  | { kind: 'paid'; fingerprint: string; payment: BankPayment }
  | {
      kind: 'rejected';
      fingerprint: string;
      idempotencyKey: string;
      reference: string;
      amountFen: number;
      reason: string;
    };

interface PaymentRequest {
  reference: string;
  amountFen: number;
  account: { bank: string; accountNo: string; holder: string };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY = 64 * 1024;

export async function startFakeBank({
  port = 0,
  host = '127.0.0.1',
  journalPath,
}: FakeBankOptions = {}): Promise<FakeBank> {
  const ledger = loadJournal(journalPath);
  let faults: Faults = {};
  let random = mulberry32(0);
  const held = new Set<NodeJS.Timeout>();

  function setFaults(f: Faults): void {
    for (const k of ['timeoutRate', 'errorRate', 'dropAnswerRate'] as const) {
      const v = f[k];
      if (v !== undefined && !(typeof v === 'number' && v >= 0 && v <= 1))
        throw new RangeError(`${k} must be within [0, 1]`);
    }
    if (f.holdMs !== undefined && !(Number.isFinite(f.holdMs) && f.holdMs >= 0))
      throw new RangeError('holdMs must be >= 0');
    faults = { ...f };
    // Reseeding on every change makes a chaos run replayable from its fault settings alone.
    random = mulberry32(f.seed ?? 0);
  }

  // One draw per request keeps the fault sequence a pure function of the seed.
  function rollFault(): 'timeout' | 'error' | 'drop' | null {
    const r = random();
    const timeout = faults.timeoutRate ?? 0;
    const error = timeout + (faults.errorRate ?? 0);
    const drop = error + (faults.dropAnswerRate ?? 0);
    return r < timeout ? 'timeout' : r < error ? 'error' : r < drop ? 'drop' : null;
  }

  function record(entry: Entry): void {
    // Journal before answering: once the client has seen "paid" the bank must never forget it.
    if (journalPath) appendFileSync(journalPath, JSON.stringify(entry) + '\n');
    ledger.set(entry.kind === 'paid' ? entry.payment.idempotencyKey : entry.idempotencyKey, entry);
  }

  async function postPayment(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || key.trim() === '' || key.length > 200)
      throw new HttpError(400, 'Idempotency-Key header required');
    const body = parsePaymentRequest(await readJson(req));
    const fault = rollFault();
    if (fault === 'timeout') {
      const t = setTimeout(() => {
        held.delete(t);
        req.socket.destroy();
      }, faults.holdMs ?? 10_000);
      held.add(t);
      return;
    }
    if (fault === 'error') return send(res, 503, { error: 'service unavailable' });

    // No await from here on: check-and-execute is atomic, so concurrent duplicates cannot both pay.
    const fingerprint = fingerprintOf(body);
    let entry = ledger.get(key);
    const replayed = entry !== undefined;
    if (entry && entry.fingerprint !== fingerprint)
      return send(res, 409, { error: 'idempotency key reused with a different payment' });
    if (!entry) {
      entry = body.account.accountNo.startsWith('0000')
        ? {
            kind: 'rejected',
            fingerprint,
            idempotencyKey: key,
            reference: body.reference,
            amountFen: body.amountFen,
            reason: 'account does not exist',
          }
        : {
            kind: 'paid',
            fingerprint,
            payment: {
              idempotencyKey: key,
              reference: body.reference,
              amountFen: body.amountFen,
              accountNo: body.account.accountNo,
              bankReference: `FB${randomBytes(6).toString('hex').toUpperCase()}`,
              executedAt: new Date().toISOString(),
            },
          };
      record(entry);
    }
    // The money has moved (or been refused) and is on record; the client just never hears of it.
    if (fault === 'drop') return void req.socket.destroy();
    if (replayed) res.setHeader('idempotent-replayed', 'true');
    if (entry.kind === 'rejected') return send(res, 422, { status: 'rejected', reason: entry.reason });
    send(res, replayed ? 200 : 201, {
      status: 'paid',
      bankReference: entry.payment.bankReference,
      idempotencyKey: key,
    });
  }

  function view(entry: Entry): object {
    if (entry.kind === 'paid') return { status: 'paid', ...entry.payment };
    const { fingerprint: _f, kind: _k, ...rest } = entry;
    return { status: 'rejected', ...rest };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://bank').pathname;
    if (req.method === 'POST' && path === '/payments') return postPayment(req, res);
    if (req.method === 'GET' && path === '/payments') return send(res, 200, payments());
    if (req.method === 'POST' && path === '/_faults') {
      const f = await readJson(req);
      try {
        setFaults(f as Faults);
      } catch (err) {
        throw new HttpError(400, (err as Error).message);
      }
      return send(res, 200, faults);
    }
    const m = /^\/payments\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && m?.[1] !== undefined) {
      const entry = ledger.get(decodeKey(m[1]));
      return entry ? send(res, 200, view(entry)) : send(res, 404, { error: 'no such payment' });
    }
    send(res, 404, { error: 'not found' });
  }

  function payments(): BankPayment[] {
    return [...ledger.values()].flatMap((e) => (e.kind === 'paid' ? [{ ...e.payment }] : []));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (err instanceof HttpError) send(res, err.status, { error: err.message });
      else send(res, 500, { error: 'internal error' });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const url = `http://${addr.family === 'IPv6' ? `[${addr.address}]` : addr.address}:${addr.port}`;

  async function close(): Promise<void> {
    for (const t of held) clearTimeout(t);
    held.clear();
    // Keep-alive sockets from fetch would otherwise hold close() open until they idle out.
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  }

  return { url, payments, setFaults, close };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function decodeKey(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, 'malformed key');
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpError(413, 'body too large');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'body must be JSON');
  }
}

function parsePaymentRequest(b: unknown): PaymentRequest {
  const o = b as Partial<PaymentRequest> | null;
  const a = o?.account;
  const ok =
    typeof o?.reference === 'string' &&
    typeof o.amountFen === 'number' &&
    Number.isSafeInteger(o.amountFen) &&
    o.amountFen > 0 &&
    typeof a?.bank === 'string' &&
    typeof a.accountNo === 'string' &&
    typeof a.holder === 'string';
  if (!ok)
    throw new HttpError(400, 'reference, positive integer amountFen and account {bank, accountNo, holder} required');
  return o as PaymentRequest;
}

// "Same payment" means same reference, amount and full account; hashing keeps the holder's name out of the journal.
function fingerprintOf(p: PaymentRequest): string {
  const { reference, amountFen, account } = p;
  return createHash('sha256')
    .update(JSON.stringify([reference, amountFen, account.bank, account.accountNo, account.holder]))
    .digest('hex');
}

function loadJournal(path: string | undefined): Map<string, Entry> {
  const ledger = new Map<string, Entry>();
  if (!path) return ledger;
  mkdirSync(dirname(path), { recursive: true });
  if (!existsSync(path)) return ledger;
  const raw = readFileSync(path);
  // A crash mid-append can only tear the last line, and that payment was never answered, so
  // dropping it is what a real bank's rollback would do. Cutting it off (rather than skipping
  // it) keeps the next append from landing behind the fragment.
  const complete = raw.lastIndexOf(0x0a) + 1;
  if (complete < raw.length) truncateSync(path, complete);
  raw
    .subarray(0, complete)
    .toString('utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let entry: Entry;
      try {
        entry = JSON.parse(line) as Entry;
      } catch (err) {
        throw new Error(`fake bank journal ${path}: line ${i + 1} is not JSON`, { cause: err });
      }
      ledger.set(entry.kind === 'paid' ? entry.payment.idempotencyKey : entry.idempotencyKey, entry);
    });
  return ledger;
}

/** A small seeded generator (mulberry32), so a fault sequence can be replayed exactly. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
