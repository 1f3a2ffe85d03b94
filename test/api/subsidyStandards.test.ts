// Subsidy standards: civil affairs proposes, finance co-signs, and only then does a case's subsidy
// follow it; every change is in the audit chain `subsidy-standards`. The region's own standard
// (5,000,000 fen, which is also its share per person) comes with the reference data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashEvent } from '../../db/repositories/audit.js';
import { caseApi, independentAssessment } from '../support/caseApi.js';
import {
  admin,
  auditor,
  civilAffairs,
  department,
  finance,
  institution,
  uniqueRegistration,
} from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
let api: ReturnType<typeof caseApi>;
const proposal = {
  division: '150102',
  amountFen: 6_000_000,
  effectiveFrom: '2025-01-01',
  basis: '新城区民政局、财政局联合发文',
};

beforeAll(async () => {
  env = await createTestEnv();
  api = caseApi(env);
});
afterAll(async () => env?.close());

const propose = (p: Parameters<typeof api.call>[0], body: unknown) =>
  api.call(p, 'POST', '/v1/subsidy-standards', body);
const cosign = (p: Parameters<typeof api.call>[0], id: string) =>
  api.call(p, 'POST', `/v1/subsidy-standards/${id}/cosign`, {});

/** Registers, assesses, proposes and approves a social placement; answers with its subsidy. */
async function approvedSubsidy(): Promise<{
  amountFen: number;
  regionalShareFen: number;
  localShareFen: number;
  standardId: string;
}> {
  const inst = institution();
  const { caseId } = await api.register(inst, uniqueRegistration('150102'));
  await api.assess(inst, caseId, independentAssessment);
  await api.propose(inst, caseId, { pathway: 'social_placement' });
  return (await api.review(civilAffairs(), caseId, { decision: 'approve', comment: '同意' })).subsidy;
}

describe('proposing and co-signing a standard', () => {
  it('takes effect for cases only once finance co-signs, and records both steps in the audit chain', async () => {
    const proposed = await propose(civilAffairs('150102'), proposal);
    expect(proposed.statusCode).toBe(201);
    const standard = proposed.json();
    expect(standard).toMatchObject({
      ...proposal,
      status: 'proposed',
      cosignedBy: null,
      cosignedAt: null,
      proposedBy: { sub: 'ca-150102', role: 'civil_affairs' },
    });

    // Proposed only: the region's standard still decides the amount.
    const before = await approvedSubsidy();
    expect(before).toMatchObject({ amountFen: 5_000_000, regionalShareFen: 5_000_000, localShareFen: 0 });

    const signed = await cosign(finance('150100'), standard.id);
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({
      id: standard.id,
      status: 'effective',
      cosignedBy: { sub: 'fin-150100', role: 'finance', division: '150100' },
    });
    expect(Date.parse(signed.json().cosignedAt)).toBeGreaterThan(Date.now() - 60_000);

    const after = await approvedSubsidy();
    expect(after).toEqual(
      expect.objectContaining({
        amountFen: 6_000_000,
        regionalShareFen: 5_000_000,
        localShareFen: 1_000_000,
        standardId: standard.id,
      }),
    );

    const again = await cosign(finance('150102'), standard.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'CONFLICT' });
    expect(again.json().error.message).toContain('already effective');

    const events = await env.db
      .selectFrom('audit_events')
      .selectAll()
      .where('chain_id', '=', 'subsidy-standards')
      .orderBy('seq')
      .execute();
    const mine = events.filter((e) => e.data.standardId === standard.id);
    expect(mine.map((e) => [e.action, e.actor.role])).toEqual([
      ['subsidy_standard.proposed', 'civil_affairs'],
      ['subsidy_standard.cosigned', 'finance'],
    ]);
    expect(mine[0]!.data).toMatchObject({
      division: '150102',
      amountFen: 6_000_000,
      effectiveFrom: '2025-01-01',
      basis: proposal.basis,
    });
    // The chain links: each event hashes the one before it.
    for (const [i, e] of events.entries()) {
      expect(e.seq).toBe(i + 1);
      if (i > 0) expect(e.prev_hash).toBe(events[i - 1]!.hash);
      expect(
        hashEvent({
          chainId: e.chain_id,
          seq: e.seq,
          at: new Date(e.at).toISOString(),
          actor: e.actor,
          action: e.action,
          data: e.data,
          workflowId: e.workflow_id,
          runId: e.run_id,
          prevHash: e.prev_hash,
        }),
      ).toBe(e.hash);
    }
    const head = await env.db
      .selectFrom('audit_heads')
      .selectAll()
      .where('chain_id', '=', 'subsidy-standards')
      .executeTakeFirstOrThrow();
    expect(head).toMatchObject({ seq: events.length, hash: events[events.length - 1]!.hash, division_code: '150102' });
  });

  it('refuses a second effective standard for the same division and date', async () => {
    const body = { ...proposal, division: '150103', effectiveFrom: '2026-03-01' };
    const first = (await propose(civilAffairs('150100'), body)).json();
    const second = (await propose(civilAffairs('150100'), { ...body, amountFen: 7_000_000 })).json();
    expect((await cosign(finance('150100'), first.id)).statusCode).toBe(200);
    const clash = await cosign(finance('150100'), second.id);
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.details.standardId).toBe(first.id);
    expect(clash.json().error.message).toContain('propose a later effectiveFrom');
    const stillProposed = await api.call(
      auditor('150000'),
      'GET',
      '/v1/subsidy-standards?division=150103&status=proposed',
    );
    expect(stillProposed.json().items.map((s: { id: string }) => s.id)).toEqual([second.id]);
  });

  it('refuses proposals from other roles, outside the jurisdiction, and with invalid fields', async () => {
    for (const p of [finance(), institution(), auditor(), admin(), department('public_security')]) {
      const res = await propose(p, proposal);
      expect(res.statusCode, p.role).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    const invalid: Array<[Record<string, unknown>, string]> = [
      [{ ...proposal, division: '150202' }, 'division: 150202 is not within your jurisdiction 150102'],
      [{ ...proposal, division: '150199' }, 'division: 150199 is not a GB/T 2260 division'],
      [{ ...proposal, amountFen: 0 }, 'body.amountFen must be >= 1'],
      [{ ...proposal, amountFen: -500 }, 'body.amountFen must be >= 1'],
      [{ ...proposal, amountFen: 1.5 }, 'body.amountFen must be integer'],
      [{ ...proposal, amountFen: 1e12 }, 'body.amountFen must be <= 1000000000'],
      [{ ...proposal, effectiveFrom: '2026-02-30' }, 'body.effectiveFrom must match format "date"'],
      [{ ...proposal, effectiveFrom: '2026/01/01' }, 'body.effectiveFrom must match pattern'],
      [{ ...proposal, basis: '' }, 'body.basis must NOT have fewer than 1 characters'],
      [{ ...proposal, status: 'effective' }, 'unknown property "status"'],
      [{ division: '150102', amountFen: 1 }, 'body.effectiveFrom is required'],
    ];
    for (const [body, message] of invalid) {
      const res = await propose(civilAffairs('150102'), body);
      expect(res.statusCode, message).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.message).toContain(message);
    }
  });

  it('refuses co-signing by other roles, outside the jurisdiction, and of a standard that does not exist', async () => {
    const { id } = (await propose(civilAffairs('150102'), { ...proposal, effectiveFrom: '2027-01-01' })).json();
    for (const p of [civilAffairs(), institution(), auditor(), admin(), department('finance')]) {
      const res = await cosign(p, id);
      expect(res.statusCode, `${p.role} ${p.org}`).toBe(403);
    }
    const outside = await cosign(finance('150202'), id);
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.message).toBe('the standard is for 150102, outside your jurisdiction 150202');
    expect((await cosign(finance(), crypto.randomUUID())).statusCode).toBe(404);
    const malformed = await cosign(finance(), 'not-a-uuid');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.message).toContain('params.id');
    const withBody = await api.call(finance(), 'POST', `/v1/subsidy-standards/${id}/cosign`, { status: 'effective' });
    expect(withBody.statusCode).toBe(400);
    const row = await env.db
      .selectFrom('subsidy_standards')
      .select('status')
      .where('standard_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('proposed');
  });
});

describe('GET /v1/subsidy-standards', () => {
  it('lists every version to every role, filtered by division and status, page by page', async () => {
    for (const p of [institution(), civilAffairs(), finance(), department('hrss'), auditor(), admin()]) {
      const res = await api.call(p, 'GET', '/v1/subsidy-standards?limit=500');
      expect(res.statusCode, p.role).toBe(200);
      expect(res.json().items.length).toBeGreaterThanOrEqual(5);
    }
    const region = await api.call(admin(), 'GET', '/v1/subsidy-standards?division=150000');
    expect(region.json().items).toEqual([
      expect.objectContaining({ division: '150000', amountFen: 5_000_000, status: 'effective' }),
    ]);
    const effective = (await api.call(admin(), 'GET', '/v1/subsidy-standards?status=effective')).json().items;
    expect(effective.every((s: { status: string }) => s.status === 'effective')).toBe(true);

    const all = (await api.call(admin(), 'GET', '/v1/subsidy-standards?limit=500'))
      .json()
      .items.map((s: { id: string }) => s.id);
    const walked: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = (
        await api.call(admin(), 'GET', `/v1/subsidy-standards?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      walked.push(...page.items.map((s) => s.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(walked).toEqual(all);

    for (const query of ['status=draft', 'division=15', 'cursor=%%%', 'limit=9999', 'sort=amount']) {
      const res = await api.call(admin(), 'GET', `/v1/subsidy-standards?${query}`);
      expect(res.statusCode, query).toBe(400);
    }
  });
});
