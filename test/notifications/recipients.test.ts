// Who hears what, through GET /v1/notifications as each signed-in person reads it: a task opened
// (its assignee's office, at the task's division and above), a reminder, an escalation (the office
// one level up), civil affairs' decision (the institution), a payment approved and paid (the
// institution and finance), a standard awaiting co-signature (finance). Offices of another league,
// another institution, another department hear nothing; no message names the youth.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/access.js';
import {
  type Session,
  type TestUser,
  buildAppWith,
  createTestUser,
  sessionHeaders,
  signIn,
} from '../support/accounts.js';
import { caseApi, eventually, fastDurations, independentAssessment, setPolicy } from '../support/caseApi.js';
import {
  civilAffairs,
  department,
  effectiveStandard,
  finance,
  institution,
  registrationBody,
} from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
let app: FastifyInstance;
let api: ReturnType<typeof caseApi>;

/** Everyone who might hear something, signed in. */
const PEOPLE = {
  instA: institution('inst-A', '150102'),
  instB: institution('inst-B', '150102'),
  caCounty: civilAffairs('150102'),
  caLeague: civilAffairs('150100'),
  caOtherLeague: civilAffairs('150200'),
  finCounty: finance('150102'),
  finRegion: finance('150000'),
  finOtherLeague: finance('150200'),
  psCounty: department('public_security', '150102'),
  psLeague: department('public_security', '150100'),
  psOtherLeague: department('public_security', '150202'),
  hrssCounty: department('hrss', '150102'),
} satisfies Record<string, Principal>;
type Person = keyof typeof PEOPLE;
const users = {} as Record<Person, TestUser & { session: Session }>;

interface Note {
  notificationId: string;
  kind: string;
  caseId: string | null;
  taskId: string | null;
  standardId: string | null;
  taskKind: string | null;
  message: string;
  readAt: string | null;
}

async function notesOf(who: Person, query = ''): Promise<Note[]> {
  const res = await app.inject({ url: `/v1/notifications${query}`, headers: sessionHeaders(users[who].session) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Note[] }>().items;
}
const about = (caseId: string) => (n: Note) => n.caseId === caseId;
const summary = (notes: Note[]) => notes.map((n) => `${n.kind}:${n.taskKind ?? ''}`).sort();

beforeAll(async () => {
  env = await createTestEnv();
  app = await buildAppWith(env, { signInRateLimit: { max: 10_000 } });
  api = caseApi(env);
  await env.db.insertInto('subsidy_standards').values(effectiveStandard('150102', 6_000_000)).execute();
  for (const [name, p] of Object.entries(PEOPLE) as Array<[Person, Principal]>) {
    const user = await createTestUser(env.db, p);
    users[name] = { ...user, session: await signIn(app, user) };
  }
});
afterAll(async () => {
  await app?.close();
  await env?.close();
});

describe('who hears what', () => {
  let caseId: string;
  const person = registrationBody();

  it('a task opened is heard by its office at the task division and above, and by no one else', async () => {
    ({ caseId } = await api.register(PEOPLE.instA, person));
    await api.assess(PEOPLE.instA, caseId, independentAssessment);
    await api.propose(PEOPLE.instA, caseId, { pathway: 'social_placement' });
    // Registration opened the assessment for the institution; the proposal opened civil affairs' review.
    expect(summary((await notesOf('instA')).filter(about(caseId)))).toEqual(['task_assigned:assessment']);
    expect(summary((await notesOf('caCounty')).filter(about(caseId)))).toEqual(['task_assigned:review']);
    expect(summary((await notesOf('caLeague')).filter(about(caseId)))).toEqual(['task_assigned:review']);
    expect(await notesOf('caOtherLeague')).toEqual([]);
    expect(await notesOf('instB')).toEqual([]);
  });

  it('a decision is heard by the institution; the pathway tasks by each department', async () => {
    await api.review(PEOPLE.caCounty, caseId, { decision: 'approve', comment: '同意' });
    const inst = (await notesOf('instA')).filter(about(caseId));
    expect(summary(inst)).toEqual(['decision:', 'task_assigned:assessment']);
    expect(inst.find((n) => n.kind === 'decision')!.message).toContain('approve');
    expect(summary(await notesOf('psCounty'))).toEqual(['task_assigned:household_registration']);
    expect(summary(await notesOf('psLeague'))).toEqual(['task_assigned:household_registration']);
    expect(await notesOf('psOtherLeague')).toEqual([]);
    const hrss = await notesOf('hrssCounty');
    expect(hrss).toHaveLength(1);
    expect(hrss[0]!.kind).toBe('task_assigned');
    expect(hrss[0]!.taskKind).not.toBe('household_registration');
    expect(await notesOf('instB')).toEqual([]);
  });

  it('a payment approved and paid is heard by the institution and by finance over the case', async () => {
    await api.approveDisbursement(PEOPLE.finCounty, caseId);
    await eventually(
      () => env.db.selectFrom('disbursements').select('status').where('case_id', '=', caseId).execute(),
      (rows) => rows[0]?.status === 'awaiting_confirmation',
    );
    await api.confirmDisbursement(PEOPLE.finCounty, caseId, 'PZ-2026-0101');
    const payments = (notes: Note[]) => notes.filter((n) => n.kind === 'payment').map((n) => n.message);
    for (const who of ['instA', 'finCounty', 'finRegion'] as const) {
      const messages = payments(
        await eventually(
          () => notesOf(who),
          (n) => payments(n).length === 2,
        ),
      );
      expect(messages.map((m) => /payment (\w+)/.exec(m)![1])).toEqual(['paid', 'approved']);
    }
    expect(payments(await notesOf('finOtherLeague'))).toEqual([]);
    expect(payments(await notesOf('instB'))).toEqual([]);
  });

  it('a blocked task is escalated to the office one level up, not back to the one that blocked it', async () => {
    const [task] = (await api.inbox(PEOPLE.psCounty, `caseId=${caseId}`)).items;
    await api.block(PEOPLE.psCounty, task.taskId, '缺少户口迁移证明');
    const league = await notesOf('psLeague');
    expect(league[0]).toMatchObject({ kind: 'escalation', taskId: task.taskId, caseId });
    expect(league[0]!.message).not.toContain('户口迁移证明');
    expect((await notesOf('psCounty')).map((n) => n.kind)).not.toContain('escalation');
    expect(await notesOf('psOtherLeague')).toEqual([]);
  });

  it('a reminder goes to the assignee; an overdue institution task escalates to civil affairs above it', async () => {
    await setPolicy(
      env.db,
      'durations',
      fastDurations({ taskSla: { default: { seconds: 3 } }, reminderBeforeDue: { seconds: 2 } }),
    );
    const { caseId: late } = await api.register(PEOPLE.instA, registrationBody());
    const inst = await eventually(
      () => notesOf('instA').then((n) => n.filter(about(late))),
      (n) => n.some((x) => x.kind === 'reminder'),
      10_000,
    );
    expect(summary(inst)).toEqual(['reminder:assessment', 'task_assigned:assessment']);
    const league = await eventually(
      () => notesOf('caLeague').then((n) => n.filter(about(late))),
      (n) => n.some((x) => x.kind === 'escalation'),
      10_000,
    );
    expect(summary(league)).toEqual(['escalation:assessment']);
    expect((await notesOf('caCounty')).filter(about(late))).toEqual([]);
    expect(await notesOf('caOtherLeague')).toEqual([]);
  });

  it('a standard awaiting co-signature is heard by finance that may co-sign it', async () => {
    const res = await api.call(PEOPLE.caCounty, 'POST', '/v1/subsidy-standards', {
      division: '150102',
      amountFen: 6_500_000,
      effectiveFrom: '2031-01-01',
      basis: '拟议',
    });
    const standardId = res.json<{ id: string }>().id;
    for (const who of ['finCounty', 'finRegion'] as const) {
      const [note] = (await notesOf(who)).filter((n) => n.kind === 'cosignature');
      expect(note).toMatchObject({ standardId, caseId: null });
    }
    expect(await notesOf('finOtherLeague')).toEqual([]);
  });

  it('no message carries the name or the ID number', async () => {
    const rows = await env.db.selectFrom('notifications').select(['message', 'details']).execute();
    expect(rows.length).toBeGreaterThan(10);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(person.person.name);
    expect(text).not.toContain(person.person.idNumber);
    expect(text).not.toContain(person.person.idNumber.slice(0, 14));
  });
});
