// Payment through a payment service: the fake bank times out, fails, or executes and drops its
// answer, and each case is still paid exactly once; a rejected account opens a task to correct it,
// and the corrected account is paid under a new attempt's key. The ledger matches the bank.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpGateway } from '../../activities/payments/httpGateway.js';
import { type FakeBank, startFakeBank } from '../../tools/fake-bank/fakeBank.js';
import { caseApi, eventually, fastDurations, independentAssessment, setPolicy } from '../support/caseApi.js';
import { civilAffairs, finance, institution, registrationBody } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let bank: FakeBank;
let env: TestEnv;
let api: ReturnType<typeof caseApi>;
const inst = institution();

beforeAll(async () => {
  bank = await startFakeBank();
  env = await createTestEnv({ payments: createHttpGateway({ baseUrl: bank.url, timeoutMs: 300 }) });
  api = caseApi(env);
  await setPolicy(env.db, 'durations', fastDurations());
});
afterAll(async () => {
  await env?.close();
  await bank?.close();
});

async function readyToPay(accountNo = '6228480012345678') {
  const { caseId } = await api.register(
    inst,
    registrationBody({ person: { bankAccount: { bank: '农业银行', accountNo, holder: '测试青年' } } }),
  );
  await api.assess(inst, caseId, independentAssessment);
  await api.propose(inst, caseId, { pathway: 'social_placement' });
  await api.review(civilAffairs(), caseId, { decision: 'approve', comment: '同意' });
  return caseId as string;
}

const bankPaymentsFor = (caseId: string) => bank.payments().filter((p) => p.reference === caseId);

describe('payment through the HTTP gateway', () => {
  it('pays once although the bank drops its answer, times out or fails before answering', async () => {
    const faults = [{ dropAnswerRate: 1 }, { timeoutRate: 1, holdMs: 600 }, { errorRate: 1 }];
    const caseIds = await Promise.all(faults.map(() => readyToPay()));
    for (const [i, caseId] of caseIds.entries()) {
      bank.setFaults(faults[i]!);
      await api.approveDisbursement(finance(), caseId);
      // The first attempt meets the fault: the dropped answer moved the money, the others did not.
      await eventually(
        () => env.db.selectFrom('disbursements').select('status').where('case_id', '=', caseId).execute(),
        (rows) => rows.length === 1 && rows[0]!.status === 'pending',
      );
      await new Promise((r) => setTimeout(r, 800));
      expect(bankPaymentsFor(caseId)).toHaveLength(i === 0 ? 1 : 0);
      expect((await api.get(inst, caseId)).subsidy.status).toBe('approved');
      bank.setFaults({});
      // The retry carries the same key: the bank answers with the payment it made, or makes it now.
      const paid = await eventually(
        () => api.get(inst, caseId),
        (c) => c.subsidy.status === 'paid',
        10_000,
      );
      expect(paid.subsidy.voucherNo).toBeNull();
    }
    for (const caseId of caseIds) {
      const atBank = bankPaymentsFor(caseId);
      expect(atBank).toHaveLength(1);
      const ledger = await env.db.selectFrom('disbursements').selectAll().where('case_id', '=', caseId).execute();
      expect(ledger).toHaveLength(1);
      expect(ledger[0]).toMatchObject({
        status: 'paid',
        bank_reference: atBank[0]!.bankReference,
        amount_fen: atBank[0]!.amountFen,
        idempotency_key: atBank[0]!.idempotencyKey,
      });
    }
  }, 40_000);

  it('a rejected account opens a task; the corrected account is paid under a new key', async () => {
    const caseId = await readyToPay('0000111122223333');
    await api.approveDisbursement(finance(), caseId);
    const failed = await eventually(
      () => api.get(inst, caseId),
      (c) => c.subsidy.status === 'failed',
    );
    expect(failed.subsidy.failureReason).toBe('account does not exist');
    expect(
      failed.tasks.some(
        (t: { kind: string; status: string }) => t.kind === 'correct_bank_account' && t.status === 'open',
      ),
    ).toBe(true);
    expect(bankPaymentsFor(caseId)).toHaveLength(0);

    await api.correct(inst, caseId, {
      changes: { bankAccount: { bank: '农业银行', accountNo: '6228480099998888', holder: '测试青年' } },
      reason: '银行账号有误，已更正',
    });
    const paid = await eventually(
      () => api.get(inst, caseId),
      (c) => c.subsidy.status === 'paid',
    );
    expect(paid.subsidy.attempt).toBe(2);
    const ledger = await env.db
      .selectFrom('disbursements')
      .select(['attempt', 'status', 'idempotency_key'])
      .where('case_id', '=', caseId)
      .orderBy('attempt')
      .execute();
    expect(ledger).toEqual([
      { attempt: 1, status: 'rejected', idempotency_key: `${caseId}:subsidy:1` },
      { attempt: 2, status: 'paid', idempotency_key: `${caseId}:subsidy:2` },
    ]);
    expect(bankPaymentsFor(caseId).map((p) => p.idempotencyKey)).toEqual([`${caseId}:subsidy:2`]);
  });

  it('a duplicate approval is refused and pays nothing more', async () => {
    const caseId = await readyToPay();
    const results = await Promise.all(
      [1, 2, 3].map(() => api.call(finance(), 'POST', `/v1/cases/${caseId}/disbursement/approve`, {})),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409, 409]);
    await eventually(
      () => api.get(inst, caseId),
      (c) => c.subsidy.status === 'paid',
    );
    expect(bankPaymentsFor(caseId)).toHaveLength(1);
  });
});
