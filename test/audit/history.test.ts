// A case's history and its verification through the API: the auditor over the case sees every
// event in order with who did it; auditors elsewhere and strangers are told the case does not
// exist; verification is the auditor's alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi } from '../support/caseApi.js';
import { auditor, civilAffairs, department, institution } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';
import { caseWithEvents, tamper } from './helpers.js';

let env: TestEnv;
let api: ReturnType<typeof caseApi>;
let caseId: string;
beforeAll(async () => {
  env = await createTestEnv();
  api = caseApi(env);
  caseId = await caseWithEvents(env);
});
afterAll(async () => env?.close());

const GENESIS = '0'.repeat(64);

describe('GET /v1/cases/{caseId}/history', () => {
  it('shows the auditor every event in order, each linked to the one before, with who did it', async () => {
    const res = await api.call(auditor('150100'), 'GET', `/v1/cases/${caseId}/history?limit=500`);
    expect(res.statusCode).toBe(200);
    const { items, nextCursor } = res.json();
    expect(nextCursor).toBeNull();
    expect(items.map((e: { seq: number }) => e.seq)).toEqual(items.map((_: unknown, i: number) => i + 1));
    expect(items[0]).toMatchObject({
      action: 'case.registered',
      prevHash: GENESIS,
      actor: { sub: 'user-inst-hohhot-1', role: 'institution', org: 'inst-hohhot-1', division: '150102' },
    });
    expect(Date.parse(items[0].at)).not.toBeNaN();
    for (let i = 1; i < items.length; i++) expect(items[i].prevHash).toBe(items[i - 1].hash);
    const actions = items.map((e: { action: string }) => e.action);
    expect(actions).toContain('assessment.submitted');
    expect(actions).toContain('person.id_number_viewed');
  });

  it('pages with an opaque cursor', async () => {
    const all = (await api.call(auditor(), 'GET', `/v1/cases/${caseId}/history?limit=500`)).json().items;
    const first = (await api.call(auditor(), 'GET', `/v1/cases/${caseId}/history?limit=2`)).json();
    expect(first.items.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = (
      await api.call(auditor(), 'GET', `/v1/cases/${caseId}/history?limit=500&cursor=${first.nextCursor}`)
    ).json();
    expect([...first.items, ...rest.items]).toEqual(all);
    const bad = await api.call(auditor(), 'GET', `/v1/cases/${caseId}/history?cursor=not-a-cursor`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('cursor') });
  });

  it('shows the parties to the case their history, and tells everyone else it does not exist', async () => {
    for (const p of [institution(), civilAffairs('150102'), civilAffairs('150100')]) {
      expect((await api.call(p, 'GET', `/v1/cases/${caseId}/history`)).statusCode, p.sub).toBe(200);
    }
    for (const p of [
      auditor('150200'),
      institution('inst-other'),
      civilAffairs('150103'),
      department('public_security'),
    ]) {
      const res = await api.call(p, 'GET', `/v1/cases/${caseId}/history`);
      expect(res.statusCode, p.sub).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    expect(
      (await api.call(auditor(), 'GET', '/v1/cases/case-00000000-0000-4000-8000-000000000000/history')).statusCode,
    ).toBe(404);
    expect((await api.call(null, 'GET', `/v1/cases/${caseId}/history`)).statusCode).toBe(401);
  });

  it('shows a department the history once it has a task on the case', async () => {
    const other = await caseWithEvents(env);
    expect((await api.call(department('public_security'), 'GET', `/v1/cases/${other}/history`)).statusCode).toBe(404);
    await api.review(civilAffairs(), other, { decision: 'approve', comment: '同意' });
    const res = await api.call(department('public_security'), 'GET', `/v1/cases/${other}/history?limit=500`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.some((e: { data: { decision?: string } }) => e.data.decision === 'approve')).toBe(true);
    expect(
      (await api.call(department('public_security', '150103'), 'GET', `/v1/cases/${other}/history`)).statusCode,
    ).toBe(404);
  });
});

describe('GET /v1/cases/{caseId}/history/verify', () => {
  it('proves an untouched history intact, and names the event someone changed', async () => {
    const events = (await api.call(auditor(), 'GET', `/v1/cases/${caseId}/history?limit=500`)).json().items.length;
    const ok = await api.call(auditor(), 'GET', `/v1/cases/${caseId}/history/verify`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ valid: true, events, brokenAt: null });

    await tamper(env, (trx) =>
      trx
        .updateTable('audit_events')
        .set({ action: 'case.withdrawn' })
        .where('chain_id', '=', caseId)
        .where('seq', '=', 2)
        .execute(),
    );
    const broken = (await api.call(auditor('150000'), 'GET', `/v1/cases/${caseId}/history/verify`)).json();
    expect(broken).toMatchObject({
      valid: false,
      events,
      brokenAt: { seq: 2, reason: 'altered', detail: expect.any(String) },
    });
  });

  it('is for auditors only: a party gets 403, an auditor of another league 404', async () => {
    const byInstitution = await api.call(institution(), 'GET', `/v1/cases/${caseId}/history/verify`);
    expect(byInstitution.statusCode).toBe(403);
    expect(byInstitution.json().error.code).toBe('FORBIDDEN');
    expect((await api.call(civilAffairs(), 'GET', `/v1/cases/${caseId}/history/verify`)).statusCode).toBe(403);
    expect((await api.call(auditor('150200'), 'GET', `/v1/cases/${caseId}/history/verify`)).statusCode).toBe(404);
  });
});
