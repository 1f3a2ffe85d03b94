// Social placement end to end through the API: assessment, proposal, approval, the subsidy by the
// standard in force, every department's task, a manual payment confirmed with a voucher number,
// placement, the three follow-up visits, and closure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { caseWorkflow } from '../../workflows/case/workflow.js';
import { caseApi, eventually, fastDurations, independentAssessment, setPolicy } from '../support/caseApi.js';
import { civilAffairs, department, finance, institution, registrationBody } from '../support/fixtures.js';
import { recordHistory } from '../support/recordHistory.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
let api: ReturnType<typeof caseApi>;
beforeAll(async () => {
  env = await createTestEnv();
  api = caseApi(env);
  await setPolicy(env.db, 'durations', fastDurations());
});
afterAll(async () => env?.close());

const inst = institution();

describe('social placement', () => {
  it('runs from assessment to closure, paying the subsidy exactly once', async () => {
    // A banner standard co-signed by finance applies to cases of that banner.
    const standardId = crypto.randomUUID();
    await env.db
      .insertInto('subsidy_standards')
      .values({
        standard_id: standardId,
        division_code: '150102',
        amount_fen: 6_000_000,
        effective_from: '2025-01-01',
        basis: '新城区民政局、财政局联合发文',
        status: 'effective',
        proposed_by: JSON.stringify(civilAffairs()),
        cosigned_by: JSON.stringify(finance()),
        cosigned_at: new Date(),
      })
      .execute();

    const registered = await api.register(inst, registrationBody({ person: { hukouType: 'pastoral' } }));
    const caseId: string = registered.caseId;
    expect(registered.stage).toBe('assessment');

    const assessed = await api.assess(inst, caseId, { ...independentAssessment, needs: { housing: true } });
    expect(assessed.recommendation.pathway).toBe('social_placement');
    expect(assessed.recommendation.reasons[0]).toBe('can work and live independently');
    expect(assessed.recommendation.policy.name).toBe('destitute_criteria');

    const proposed = await api.propose(inst, caseId, { pathway: 'social_placement' });
    expect(proposed.stage).toBe('review');
    expect(proposed.tasks.find((t: { kind: string }) => t.kind === 'assessment').status).toBe('done');

    const approved = await api.review(civilAffairs(), caseId, { decision: 'approve', comment: '同意社会化安置' });
    expect(approved.stage).toBe('social_placement');
    expect(approved.pathway).toBe('social_placement');
    expect(approved.subsidy).toMatchObject({
      amountFen: 6_000_000,
      regionalShareFen: 5_000_000,
      localShareFen: 1_000_000,
      standardId,
      status: 'computed',
    });

    const open = approved.tasks.filter((t: { status: string }) => t.status === 'open');
    expect(open.map((t: { department: string }) => t.department).sort()).toEqual(
      ['agriculture', 'civil_affairs', 'finance', 'housing', 'hrss', 'medical_insurance', 'public_security'].sort(),
    );
    for (const t of open) expect(Date.parse(t.dueAt)).toBeGreaterThan(Date.now());

    // Each department works its own inbox.
    for (const code of ['public_security', 'hrss', 'medical_insurance', 'housing', 'agriculture']) {
      const inbox = await api.inbox(department(code), `caseId=${caseId}&status=open`);
      expect(inbox.items).toHaveLength(1);
      const done = await api.complete(department(code), inbox.items[0].taskId, 'done', `${code} 已办结`);
      expect(done.status).toBe('done');
    }
    const caTask = (await api.inbox(civilAffairs(), `caseId=${caseId}&status=open`)).items;
    expect(caTask.map((t: { kind: string }) => t.kind)).toEqual(['case_management']);
    await api.complete(civilAffairs(), caTask[0].taskId, 'plan agreed', '');

    // Finance approves; the manual gateway waits for finance to confirm with a voucher number.
    const paying = await api.approveDisbursement(finance(), caseId);
    expect(paying.subsidy.status).toBe('approved');
    await eventually(
      () => env.db.selectFrom('disbursements').selectAll().where('case_id', '=', caseId).execute(),
      (rows) => rows.length === 1 && rows[0]!.status === 'awaiting_confirmation',
    );
    const paid = await api.confirmDisbursement(finance(), caseId, 'PZ-2026-0001');
    expect(paid.subsidy).toMatchObject({ status: 'paid', voucherNo: 'PZ-2026-0001' });

    // A second confirmation changes nothing.
    const again = await api.call(finance(), 'POST', `/v1/cases/${caseId}/disbursement/confirm`, {
      voucherNo: 'PZ-2026-0002',
    });
    expect(again.statusCode).toBe(409);
    const ledger = await env.db.selectFrom('disbursements').selectAll().where('case_id', '=', caseId).execute();
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({
      status: 'paid',
      voucher_no: 'PZ-2026-0001',
      amount_fen: 6_000_000,
      idempotency_key: `${caseId}:subsidy:1`,
    });

    // Every required task done and the subsidy paid: placed; then follow-up visits at 3, 6, 12 "months".
    await eventually(
      () => api.get(inst, caseId),
      (c) => c.stage === 'placed',
    );
    const visits = await eventually(
      () => api.inbox(civilAffairs(), `caseId=${caseId}&status=open`),
      (inbox) => inbox.items.filter((t: { kind: string }) => t.kind === 'follow_up_visit').length === 3,
    );
    for (const visit of visits.items) await api.complete(civilAffairs(), visit.taskId, 'visited', '生活稳定');
    const closed = await eventually(
      () => api.get(inst, caseId),
      (c) => c.stage === 'closed',
    );
    expect(closed.tasks.every((t: { status: string }) => t.status === 'done')).toBe(true);
    const result = await env.client.workflow.getHandle<typeof caseWorkflow>(caseId).result();
    expect(result).toEqual({ stage: 'closed' });
    await recordHistory(env, caseId, 'social-placement');
  });
});
