import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PaymentUnavailableError, type PaymentOrder } from '../../activities/payments/gateway.js';
import { createHttpGateway, PaymentRequestError } from '../../activities/payments/httpGateway.js';
import { createManualGateway } from '../../activities/payments/manualGateway.js';
import { startFakeBank, type FakeBank, type FakeBankOptions } from '../../tools/fake-bank/fakeBank.js';

// Real sockets against the fake bank: the properties under test (one payment per key, lost
// answers, timeouts) live in the HTTP layer, so mocking fetch would test nothing.

// The client's timeout where a test is about timeouts; elsewhere a generous one, so a busy
// machine's slow first request is not mistaken for an unreachable bank.
const TIMEOUT_MS = 200;
const ANSWER_TIMEOUT_MS = 10_000;
const banks: FakeBank[] = [];
const dirs: string[] = [];

async function bank(opts: FakeBankOptions = {}): Promise<FakeBank> {
  const b = await startFakeBank(opts);
  banks.push(b);
  return b;
}

function order(key: string, overrides: Partial<PaymentOrder> = {}): PaymentOrder {
  return {
    idempotencyKey: key,
    caseId: 'case-1',
    amountFen: 1_000_000,
    account: { bank: 'Bank of Inner Mongolia', accountNo: '6222000011112222', holder: 'Test Holder' },
    ...overrides,
  };
}

afterEach(async () => {
  await Promise.all(banks.splice(0).map((b) => b.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('http gateway against the fake bank', () => {
  it('pays once and replays the same result for the same key', async () => {
    const b = await bank();
    const gw = createHttpGateway({ baseUrl: b.url, timeoutMs: ANSWER_TIMEOUT_MS });
    const first = await gw.pay(order('k-1'));
    expect(first).toMatchObject({ status: 'paid' });
    expect(await gw.pay(order('k-1'))).toEqual(first);
    expect(b.payments()).toHaveLength(1);
    expect(b.payments()[0]).toMatchObject({ idempotencyKey: 'k-1', reference: 'case-1', amountFen: 1_000_000 });
  });

  it('after a dropped answer, a retry with the same key finds the payment instead of paying again', async () => {
    const b = await bank();
    const gw = createHttpGateway({ baseUrl: b.url, timeoutMs: ANSWER_TIMEOUT_MS });
    b.setFaults({ dropAnswerRate: 1 });
    await expect(gw.pay(order('k-drop'))).rejects.toBeInstanceOf(PaymentUnavailableError);
    expect(b.payments()).toHaveLength(1); // the money moved although the client heard nothing

    b.setFaults({});
    const retry = await gw.pay(order('k-drop'));
    expect(retry).toEqual({ status: 'paid', bankReference: b.payments()[0]?.bankReference });
    expect(b.payments()).toHaveLength(1);
    expect(await gw.lookup('k-drop')).toMatchObject({ status: 'paid', bankReference: b.payments()[0]?.bankReference });
  });

  it('a timeout throws PaymentUnavailableError and pays nothing', async () => {
    const b = await bank();
    b.setFaults({ timeoutRate: 1, holdMs: TIMEOUT_MS * 2 });
    const gw = createHttpGateway({ baseUrl: b.url, timeoutMs: TIMEOUT_MS });
    const err = await gw.pay(order('k-slow')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaymentUnavailableError);
    expect((err as Error).message).toContain('timed out');
    expect(b.payments()).toHaveLength(0);
  });

  it('a 503 throws PaymentUnavailableError and pays nothing', async () => {
    const b = await bank();
    b.setFaults({ errorRate: 1 });
    const gw = createHttpGateway({ baseUrl: b.url, timeoutMs: ANSWER_TIMEOUT_MS });
    await expect(gw.pay(order('k-503'))).rejects.toBeInstanceOf(PaymentUnavailableError);
    expect(b.payments()).toHaveLength(0);
    expect(await gw.lookup('k-503')).toBeNull();
  });

  it('connection refused is transient, and error messages carry no account data', async () => {
    const b = await startFakeBank();
    const url = b.url;
    await b.close();
    const gw = createHttpGateway({ baseUrl: url, timeoutMs: ANSWER_TIMEOUT_MS });
    const err = await gw.pay(order('k-down')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PaymentUnavailableError);
    expect((err as Error).message).not.toMatch(/6222000011112222|Test Holder/);
  });

  it('a non-existent account is rejected, and the rejection is remembered for the key', async () => {
    const b = await bank();
    const gw = createHttpGateway({ baseUrl: b.url, timeoutMs: ANSWER_TIMEOUT_MS });
    const bad = order('k-bad', { account: { bank: 'X', accountNo: '0000123', holder: 'Test Holder' } });
    expect(await gw.pay(bad)).toEqual({ status: 'rejected', reason: 'account does not exist' });
    expect(await gw.pay(bad)).toEqual({ status: 'rejected', reason: 'account does not exist' });
    expect(await gw.lookup('k-bad')).toMatchObject({ status: 'rejected' });
    expect(b.payments()).toHaveLength(0);
  });

  it('reusing a key for a different amount is refused, not paid', async () => {
    const b = await bank();
    const gw = createHttpGateway({ baseUrl: b.url, timeoutMs: ANSWER_TIMEOUT_MS });
    await gw.pay(order('k-reuse'));
    await expect(gw.pay(order('k-reuse', { amountFen: 1 }))).rejects.toBeInstanceOf(PaymentRequestError);
    expect(b.payments()).toHaveLength(1);
  });

  it('50 concurrent requests with the same key make one payment', async () => {
    const b = await bank();
    const gw = createHttpGateway({ baseUrl: b.url, timeoutMs: 2000 });
    const results = await Promise.all(Array.from({ length: 50 }, () => gw.pay(order('k-race'))));
    expect(new Set(results.map((r) => (r.status === 'paid' ? r.bankReference : r.status))).size).toBe(1);
    expect(b.payments()).toHaveLength(1);
  });

  it('a malformed 200 is treated as unknown, not as paid', async () => {
    const fetchImpl: typeof fetch = async () => new Response('<html>ok</html>', { status: 200 });
    const gw = createHttpGateway({ baseUrl: 'http://127.0.0.1:9', fetchImpl });
    await expect(gw.pay(order('k-garbled'))).rejects.toBeInstanceOf(PaymentUnavailableError);
  });

  it('the journal survives a restart of the bank', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-bank-'));
    dirs.push(dir);
    const journalPath = join(dir, 'journal.jsonl');
    const first = await startFakeBank({ journalPath });
    const paid = await createHttpGateway({ baseUrl: first.url, timeoutMs: ANSWER_TIMEOUT_MS }).pay(order('k-durable'));
    await first.close();

    const second = await bank({ journalPath });
    expect(second.payments()).toHaveLength(1);
    expect(
      await createHttpGateway({ baseUrl: second.url, timeoutMs: ANSWER_TIMEOUT_MS }).pay(order('k-durable')),
    ).toEqual(paid);
    expect(second.payments()).toHaveLength(1);
  });

  it('a journal line torn by a crash is dropped, and later restarts still load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-bank-'));
    dirs.push(dir);
    const journalPath = join(dir, 'journal.jsonl');
    const first = await startFakeBank({ journalPath });
    await createHttpGateway({ baseUrl: first.url, timeoutMs: ANSWER_TIMEOUT_MS }).pay(order('k-kept'));
    await first.close();
    appendFileSync(journalPath, '{"kind":"paid","fingerp');

    const second = await startFakeBank({ journalPath });
    await createHttpGateway({ baseUrl: second.url, timeoutMs: ANSWER_TIMEOUT_MS }).pay(order('k-after'));
    await second.close();
    const third = await bank({ journalPath });
    expect(third.payments().map((p) => p.idempotencyKey)).toEqual(['k-kept', 'k-after']);
  });

  it('faults are reproducible from the seed', async () => {
    const b = await bank();
    const gw = createHttpGateway({ baseUrl: b.url, timeoutMs: ANSWER_TIMEOUT_MS });
    const run = async (): Promise<string[]> => {
      b.setFaults({ errorRate: 0.5, seed: 42 });
      const out: string[] = [];
      for (let i = 0; i < 10; i++)
        out.push(
          await gw.pay(order(`k-seed-${i}`)).then(
            () => 'ok',
            () => 'fail',
          ),
        );
      return out;
    };
    const a = await run();
    expect(await run()).toEqual(a);
    expect(a).toContain('ok');
    expect(a).toContain('fail');
  });
});

describe('fake bank HTTP controls', () => {
  it('sets faults over HTTP, lists payments and refuses a missing key', async () => {
    const b = await bank();
    const set = await fetch(`${b.url}/_faults`, { method: 'POST', body: JSON.stringify({ errorRate: 1 }) });
    expect(set.status).toBe(200);
    const body = JSON.stringify({ reference: 'c', amountFen: 5, account: order('x').account });
    expect(
      (await fetch(`${b.url}/payments`, { method: 'POST', headers: { 'idempotency-key': 'h-1' }, body })).status,
    ).toBe(503);
    expect((await fetch(`${b.url}/payments`, { method: 'POST', body })).status).toBe(400);
    await fetch(`${b.url}/_faults`, { method: 'POST', body: '{}' });
    expect(
      (await fetch(`${b.url}/payments`, { method: 'POST', headers: { 'idempotency-key': 'h-1' }, body })).status,
    ).toBe(201);
    expect(await (await fetch(`${b.url}/payments`)).json()).toHaveLength(1);
    expect((await fetch(`${b.url}/payments/nope`)).status).toBe(404);
  });
});

describe('manual gateway', () => {
  it('never pays by itself: finance confirms with a voucher later', async () => {
    const gw = createManualGateway();
    expect(gw.kind).toBe('manual');
    expect(await gw.pay(order('k-manual'))).toEqual({ status: 'awaiting_confirmation' });
  });
});
