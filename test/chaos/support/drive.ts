// Cases driven through the API as their users would, with the policies the chaos suite runs
// under: timers in seconds, and a social placement whose only required task is the payment, so
// that every case can finish its pathway (paid, placed, one follow-up visit, closed) quickly.
import type { Db } from '../../../db/database.js';
import type { TaskPlanPolicy } from '../../../domain/policy.js';
import { eventually, fastDurations, independentAssessment, setPolicy } from '../../support/caseApi.js';
import { civilAffairs, finance, institution } from '../../support/fixtures.js';
import type { ChaosEnv, Json, Reply } from './chaosEnv.js';
import { type Person, newPerson, registrationOf } from './people.js';

export const inst = institution();

const chaosPlan: TaskPlanPolicy = {
  social_placement: [{ kind: 'subsidy_disbursement', department: 'finance', when: 'always' }],
  destitute_centralized: [{ kind: 'arrange_support_institution', department: 'civil_affairs', when: 'always' }],
  destitute_dispersed: [{ kind: 'record_dispersed_support', department: 'civil_affairs', when: 'always' }],
};

export async function setChaosPolicies(db: Db): Promise<void> {
  await setPolicy(db, 'durations', fastDurations({ followUpsAfterPlacement: [{ seconds: 1 }] }));
  await setPolicy(db, 'task_plan', chaosPlan);
}

export async function expectStatus(res: Promise<Reply>, status: number): Promise<Json> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.body.slice(0, 500)}`);
  return r.json();
}

export function driver(env: ChaosEnv) {
  const getCase = (caseId: string) => expectStatus(env.call(inst, 'GET', `/v1/cases/${caseId}`), 200);
  return {
    getCase,
    /** Registers a new person; the registry remembers them for the privacy scan. */
    async register(person: Person = newPerson()): Promise<string> {
      env.registry.add(person);
      const created = await expectStatus(env.call(inst, 'POST', '/v1/cases', registrationOf(person)), 201);
      env.counts.add('cases');
      return created.caseId as string;
    },
    /** Assessment, proposal and approval: the case is in social_placement with its subsidy computed. */
    async toSocialPlacement(caseId: string): Promise<void> {
      await expectStatus(env.call(inst, 'POST', `/v1/cases/${caseId}/assessment`, independentAssessment), 200);
      await expectStatus(env.call(inst, 'POST', `/v1/cases/${caseId}/proposal`, { pathway: 'social_placement' }), 200);
      const approved = await expectStatus(
        env.call(civilAffairs(), 'POST', `/v1/cases/${caseId}/review`, { decision: 'approve', comment: '同意' }),
        200,
      );
      if (approved.stage !== 'social_placement' || approved.subsidy?.status !== 'computed') {
        throw new Error(
          `case ${caseId} is not ready to pay: stage ${approved.stage}, subsidy ${JSON.stringify(approved.subsidy)}`,
        );
      }
    },
    approve: (caseId: string) =>
      expectStatus(env.call(finance(), 'POST', `/v1/cases/${caseId}/disbursement/approve`, {}), 200),
    /** Paid and placed; then the follow-up visit is made and the case closes. */
    async finish(caseId: string, timeoutMs = 120_000): Promise<void> {
      await eventually(
        () => getCase(caseId),
        (c) => c.stage === 'placed' || c.stage === 'closed',
        timeoutMs,
      );
      const visit = await eventually(
        () => expectStatus(env.call(civilAffairs(), 'GET', `/v1/tasks?caseId=${caseId}&status=open`), 200),
        (inbox) => inbox.items.some((t: { kind: string }) => t.kind === 'follow_up_visit'),
        timeoutMs,
      );
      const task = visit.items.find((t: { kind: string }) => t.kind === 'follow_up_visit');
      await expectStatus(
        env.call(civilAffairs(), 'POST', `/v1/tasks/${task.taskId}/complete`, { outcome: 'visited', note: '生活稳定' }),
        200,
      );
      await eventually(
        () => getCase(caseId),
        (c) => c.stage === 'closed',
        timeoutMs,
      );
    },
  };
}

/** The bank's payments and the ledger, one to one: same key, amount and bank reference, paid once per case. */
export async function reconcile(env: ChaosEnv, caseIds: string[]): Promise<string[]> {
  const problems: string[] = [];
  const atBank = env.bank.payments();
  const ledger = await env.db.selectFrom('disbursements').selectAll().execute();
  for (const caseId of caseIds) {
    const paid = atBank.filter((p) => p.reference === caseId);
    const rows = ledger.filter((r) => r.case_id === caseId);
    if (paid.length !== 1) problems.push(`${caseId}: ${paid.length} payments at the bank`);
    if (rows.length !== 1) problems.push(`${caseId}: ${rows.length} ledger rows`);
    const [p, r] = [paid[0], rows[0]];
    if (
      p &&
      r &&
      (r.status !== 'paid' ||
        r.idempotency_key !== p.idempotencyKey ||
        r.amount_fen !== p.amountFen ||
        r.bank_reference !== p.bankReference)
    ) {
      problems.push(
        `${caseId}: ledger ${JSON.stringify({ status: r.status, key: r.idempotency_key, amount: r.amount_fen, ref: r.bank_reference })} vs bank ${JSON.stringify(p)}`,
      );
    }
  }
  // Nothing at the bank that the ledger does not know, and nothing paid in the ledger the bank never paid.
  const keys = new Set(ledger.map((r) => r.idempotency_key));
  for (const p of atBank)
    if (!keys.has(p.idempotencyKey)) problems.push(`bank paid ${p.idempotencyKey}, unknown to the ledger`);
  const bankKeys = new Set(atBank.map((p) => p.idempotencyKey));
  for (const r of ledger)
    if (r.status === 'paid' && !bankKeys.has(r.idempotency_key))
      problems.push(`ledger says ${r.idempotency_key} paid, the bank has no such payment`);
  return problems;
}
