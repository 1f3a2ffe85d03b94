// Duplicates and races: the same registration fifty times at once, fifty completions of one
// task, two reviewers approving one proposal at the same moment. One wins; the rest are refused
// with the reason a client can act on, and nothing is recorded twice.
import { eventually, independentAssessment } from '../../support/caseApi.js';
import { civilAffairs, finance } from '../../support/fixtures.js';
import type { ChaosEnv, Json } from '../support/chaosEnv.js';
import { driver, expectStatus, inst } from '../support/drive.js';
import { newPerson, registrationOf } from '../support/people.js';

export interface RaceOutcome {
  statuses: number[];
  codes: string[];
  /** One example message per refusal code, to say why when the codes are not the expected ones. */
  messages: Record<string, string>;
  details: unknown[];
  winner: Json;
}

function tally(replies: Array<{ status: number; body: string }>): RaceOutcome {
  const parsed = replies.map((r) => ({ status: r.status, body: JSON.parse(r.body) }));
  return {
    statuses: parsed.map((p) => p.status).sort(),
    codes: parsed.filter((p) => p.status >= 400).map((p) => p.body.error?.code),
    messages: Object.fromEntries(
      parsed.filter((p) => p.status >= 400).map((p) => [p.body.error?.code, p.body.error?.message]),
    ),
    details: parsed.filter((p) => p.status >= 400).map((p) => p.body.error?.details),
    winner: parsed.find((p) => p.status < 300)?.body,
  };
}

export async function parallelRegistrations(env: ChaosEnv, n: number): Promise<RaceOutcome> {
  const person = newPerson();
  env.registry.add(person);
  const body = registrationOf(person);
  const outcome = tally(await Promise.all(Array.from({ length: n }, () => env.call(inst, 'POST', '/v1/cases', body))));
  env.counts.add('cases');
  env.counts.add('duplicates', outcome.codes.length);
  return outcome;
}

/** The follow-up visit of a placed case: a task civil affairs completes by hand. */
export async function parallelCompletions(
  env: ChaosEnv,
  n: number,
): Promise<RaceOutcome & { taskStatus: string; completions: number }> {
  const drive = driver(env);
  const caseId = await drive.register();
  await drive.toSocialPlacement(caseId);
  await drive.approve(caseId);
  const inbox = await eventually(
    () => expectStatus(env.call(civilAffairs(), 'GET', `/v1/tasks?caseId=${caseId}&status=open`), 200),
    (i) => i.items.some((t: { kind: string }) => t.kind === 'follow_up_visit'),
    60_000,
  );
  const taskId = inbox.items[0].taskId as string;
  const outcome = tally(
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        env.call(civilAffairs(), 'POST', `/v1/tasks/${taskId}/complete`, { outcome: 'visited', note: `第${i}次` }),
      ),
    ),
  );
  env.counts.add('duplicates', outcome.codes.length);
  const task = await expectStatus(env.call(civilAffairs(), 'GET', `/v1/tasks/${taskId}`), 200);
  const history = await env.db
    .selectFrom('audit_events')
    .select('data')
    .where('chain_id', '=', caseId)
    .where('action', '=', 'task.completed')
    .execute();
  const completions = history.filter((h) => JSON.stringify(h.data).includes(taskId)).length;
  return { ...outcome, taskStatus: task.status, completions };
}

export async function simultaneousApprovals(env: ChaosEnv): Promise<RaceOutcome & { reviews: number }> {
  const drive = driver(env);
  const caseId = await drive.register();
  await expectStatus(env.call(inst, 'POST', `/v1/cases/${caseId}/assessment`, independentAssessment), 200);
  await expectStatus(env.call(inst, 'POST', `/v1/cases/${caseId}/proposal`, { pathway: 'social_placement' }), 200);
  // Two officers of the same bureau, each with their own token.
  const reviewers = [
    { ...civilAffairs(), sub: 'ca-officer-a' },
    { ...civilAffairs(), sub: 'ca-officer-b' },
  ];
  const outcome = tally(
    await Promise.all(
      reviewers.map((r) => env.call(r, 'POST', `/v1/cases/${caseId}/review`, { decision: 'approve', comment: '同意' })),
    ),
  );
  env.counts.add('duplicates', outcome.codes.length);
  const c = await expectStatus(env.call(finance(), 'GET', `/v1/cases/${caseId}`), 200);
  return { ...outcome, reviews: c.reviews.length };
}
