import { PaymentUnavailableError, type PaymentGateway, type PaymentOrder, type PaymentOutcome } from './gateway.js';

export interface HttpGatewayOptions {
  baseUrl: string;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

/**
 * What the bank holds for a key, for reconciliation. The account number is deliberately not
 * carried over: this value ends up in workflow history, and the case already knows the account.
 */
export type BankRecord =
  | {
      status: 'paid';
      idempotencyKey: string;
      reference: string;
      amountFen: number;
      bankReference: string;
      executedAt: string;
    }
  | { status: 'rejected'; idempotencyKey: string; reference: string; amountFen: number; reason: string };

export interface HttpPaymentGateway extends PaymentGateway {
  readonly kind: 'http';
  /** null means the bank never executed nor rejected this key, so paying it again is safe. */
  lookup(idempotencyKey: string): Promise<BankRecord | null>;
}

/**
 * The bank refused the request itself (400, 409, ...): the same request will be refused again,
 * so retrying is pointless. 409 in particular means the key was reused for a different amount
 * or account, which is a bug upstream, not something to paper over.
 */
export class PaymentRequestError extends Error {
  override name = 'PaymentRequestError';
}

export function createHttpGateway({
  baseUrl,
  timeoutMs = 5000,
  fetchImpl = fetch,
}: HttpGatewayOptions): HttpPaymentGateway {
  const base = baseUrl.replace(/\/+$/, '');

  // Every failure that leaves us unsure whether money moved goes through here, so that the
  // caller's only option is a retry with the same key. Only the key and status are named:
  // messages end up in logs and workflow history, account data must not.
  async function call(what: string, url: string, init: RequestInit): Promise<{ status: number; body: unknown }> {
    let res: Response;
    let text: string;
    try {
      // The timeout signal also covers reading the body, so a bank that stalls mid-answer times out too.
      res = await fetchImpl(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
      text = await res.text();
    } catch (err) {
      throw new PaymentUnavailableError(`${what}: bank unreachable (${describe(err)})`, { cause: err });
    }
    let body: unknown = undefined;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Left undefined; each caller decides whether a body was required for that status.
    }
    return { status: res.status, body };
  }

  async function pay(order: PaymentOrder): Promise<PaymentOutcome> {
    const what = `payment ${order.idempotencyKey}`;
    if (order.idempotencyKey.trim() === '') throw new PaymentRequestError('payment: empty idempotency key');
    if (!Number.isSafeInteger(order.amountFen) || order.amountFen <= 0) {
      throw new PaymentRequestError(`${what}: amount must be a positive whole number of fen`);
    }
    const { status, body } = await call(what, `${base}/payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': order.idempotencyKey },
      body: JSON.stringify({ reference: order.caseId, amountFen: order.amountFen, account: order.account }),
    });

    if (status === 200 || status === 201) {
      // A 2xx we cannot read may still mean the money moved: retrying the key reveals the truth.
      if (isObject(body) && body.status === 'paid' && isNonEmptyString(body.bankReference)) {
        return { status: 'paid', bankReference: body.bankReference };
      }
      throw new PaymentUnavailableError(`${what}: malformed answer to HTTP ${status}`);
    }
    if (status === 422 && isObject(body) && body.status === 'rejected' && isNonEmptyString(body.reason)) {
      return { status: 'rejected', reason: scrub(body.reason) };
    }
    if (status >= 500 || status === 408 || status === 429 || status === 422) {
      throw new PaymentUnavailableError(`${what}: bank answered HTTP ${status}`);
    }
    if (status >= 400) throw new PaymentRequestError(`${what}: bank refused the request with HTTP ${status}`);
    throw new PaymentUnavailableError(`${what}: unexpected HTTP ${status}`);
  }

  async function lookup(idempotencyKey: string): Promise<BankRecord | null> {
    const what = `lookup ${idempotencyKey}`;
    const { status, body } = await call(what, `${base}/payments/${encodeURIComponent(idempotencyKey)}`, {
      method: 'GET',
    });
    if (status === 404) return null;
    if (status !== 200 || !isObject(body)) throw new PaymentUnavailableError(`${what}: bank answered HTTP ${status}`);
    const { reference, amountFen } = body;
    if (typeof reference !== 'string' || typeof amountFen !== 'number' || !Number.isSafeInteger(amountFen)) {
      throw new PaymentUnavailableError(`${what}: malformed record`);
    }
    const known = { idempotencyKey, reference, amountFen };
    if (body.status === 'paid' && isNonEmptyString(body.bankReference) && typeof body.executedAt === 'string') {
      return { status: 'paid', ...known, bankReference: body.bankReference, executedAt: body.executedAt };
    }
    if (body.status === 'rejected' && isNonEmptyString(body.reason)) {
      return { status: 'rejected', ...known, reason: scrub(body.reason) };
    }
    throw new PaymentUnavailableError(`${what}: malformed record`);
  }

  return { kind: 'http', pay, lookup };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}

// The bank writes the reason, not us; it could quote the account number back, and the reason is
// stored and shown to staff. Long digit runs are masked and the text is bounded.
function scrub(reason: string): string {
  return reason.replace(/\d{6,}/g, '***').slice(0, 200);
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return 'unknown error';
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timed out';
  const code = (err.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : err.name;
}
