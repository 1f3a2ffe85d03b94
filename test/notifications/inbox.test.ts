// GET /v1/notifications and POST /v1/notifications/read as a person uses them (newest first, the
// unread filter, pages, read state per person), what a bearer token without an account sees, the
// e-mail preferences, and a retried event that notifies nobody twice.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordActivities } from '../../activities/caseRecords.js';
import type { RecordCaseEvent } from '../../activities/types.js';
import { SYSTEM_PRINCIPAL } from '../../domain/access.js';
import type { CaseTask } from '../../workflows/case/state.js';
import {
  type Session,
  type TestUser,
  buildAppWith,
  createTestUser,
  sessionHeaders,
  signIn,
} from '../support/accounts.js';
import { caseApi } from '../support/caseApi.js';
import { department, institution, registrationBody } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
let app: FastifyInstance;
let api: ReturnType<typeof caseApi>;
const inst = institution('inst-inbox', '150102');
let clerk: TestUser & { session: Session };
let colleague: TestUser & { session: Session };
const caseIds: string[] = [];

interface Note {
  notificationId: string;
  caseId: string;
  readAt: string | null;
}
interface Page {
  items: Note[];
  nextCursor: string | null;
}

const asSession = (s: Session) => ({ headers: sessionHeaders(s) });
const asBearer = () => ({ headers: { authorization: `Bearer ${env.token(inst)}` } });
async function list(who: { headers: Record<string, string> }, query = ''): Promise<Page> {
  const res = await app.inject({ url: `/v1/notifications${query}`, ...who });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
}
async function read(who: { headers: Record<string, string> }, body: unknown) {
  const res = await app.inject({ method: 'POST', url: '/v1/notifications/read', payload: body as object, ...who });
  return res;
}

beforeAll(async () => {
  env = await createTestEnv();
  app = await buildAppWith(env, { signInRateLimit: { max: 10_000 } });
  api = caseApi(env);
  const a = await createTestUser(env.db, inst);
  const b = await createTestUser(env.db, inst);
  clerk = { ...a, session: await signIn(app, a) };
  colleague = { ...b, session: await signIn(app, b) };
  // Each registration opens the institution's assessment task: one notification each.
  for (let i = 0; i < 3; i++) caseIds.push((await api.register(inst, registrationBody())).caseId);
});
afterAll(async () => {
  await app?.close();
  await env?.close();
});

describe('the inbox', () => {
  it('lists newest first, in pages', async () => {
    const first = await list(asSession(clerk.session), '?limit=2');
    expect(first.items.map((n) => n.caseId)).toEqual([caseIds[2], caseIds[1]]);
    const second = await list(asSession(clerk.session), `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((n) => n.caseId)).toEqual([caseIds[0]]);
    expect(second.nextCursor).toBeNull();
  });

  it('keeps read state per person: one reads, the colleague still has it unread', async () => {
    const [newest] = (await list(asSession(clerk.session))).items;
    const res = await read(asSession(clerk.session), { ids: [newest!.notificationId] });
    expect(res.json()).toEqual({ marked: 1 });
    // Again: nothing more to mark.
    expect((await read(asSession(clerk.session), { ids: [newest!.notificationId] })).json()).toEqual({ marked: 0 });
    const unread = await list(asSession(clerk.session), '?unread=true');
    expect(unread.items.map((n) => n.caseId)).toEqual([caseIds[1], caseIds[0]]);
    expect((await list(asSession(colleague.session), '?unread=true')).items).toHaveLength(3);
    expect((await read(asSession(clerk.session), { all: true })).json()).toEqual({ marked: 2 });
    expect((await list(asSession(clerk.session), '?unread=true')).items).toEqual([]);
    expect((await list(asSession(clerk.session))).items.every((n) => n.readAt !== null)).toBe(true);
  });

  it("marks nothing of someone else's, and refuses a body that says neither or both", async () => {
    const [theirs] = (await list(asSession(colleague.session))).items;
    const stranger = await createTestUser(env.db, institution('inst-other', '150102'));
    const session = await signIn(app, stranger);
    expect((await read(asSession(session), { ids: [theirs!.notificationId] })).json()).toEqual({ marked: 0 });
    expect((await list(asSession(session))).items).toEqual([]);
    expect((await read(asSession(session), {})).statusCode).toBe(400);
    expect((await read(asSession(session), { ids: ['x'], all: true })).statusCode).toBe(400);
  });

  it('answers a bearer token with what is addressed to its principal, read state under its subject', async () => {
    const all = await list(asBearer());
    expect(all.items.map((n) => n.caseId)).toEqual([...caseIds].reverse());
    expect(all.items.every((n) => n.readAt === null)).toBe(true);
    expect((await read(asBearer(), { ids: [all.items[0]!.notificationId] })).json()).toEqual({ marked: 1 });
    expect((await list(asBearer(), '?unread=true')).items).toHaveLength(2);
    expect((await read(asBearer(), { all: true })).json()).toEqual({ marked: 2 });
    expect((await list(asBearer(), '?unread=true')).items).toEqual([]);
    // The colleague's own read state is untouched.
    expect((await list(asSession(colleague.session), '?unread=true')).items).toHaveLength(3);
    // Another department's token sees none of it.
    const other = { headers: { authorization: `Bearer ${env.token(department('hrss', '150102'))}` } };
    expect((await list(other)).items).toEqual([]);
  });
});

describe('preferences', () => {
  it('turns the e-mail digest off and on for the signed-in user', async () => {
    const get = () => app.inject({ url: '/v1/me/preferences', ...asSession(clerk.session) });
    expect((await get()).json()).toEqual({ emailDigest: true });
    const off = await app.inject({
      method: 'PATCH',
      url: '/v1/me/preferences',
      payload: { emailDigest: false },
      ...asSession(clerk.session),
    });
    expect(off.json()).toEqual({ emailDigest: false });
    expect((await get()).json()).toEqual({ emailDigest: false });
    const empty = await app.inject({
      method: 'PATCH',
      url: '/v1/me/preferences',
      payload: {},
      ...asSession(clerk.session),
    });
    expect(empty.statusCode).toBe(400);
  });

  it('answers 404 for a bearer token that names no account', async () => {
    const res = await app.inject({ url: '/v1/me/preferences', ...asBearer() });
    expect(res.statusCode).toBe(404);
    const viaUser = await app.inject({
      url: '/v1/me/preferences',
      headers: { authorization: `Bearer ${env.token(colleague.principal)}` },
    });
    expect(viaUser.json()).toEqual({ emailDigest: true });
  });
});

describe('a retried event', () => {
  it('writes its notifications and recipients once, to the people there at the time', async () => {
    const police = department('public_security', '150102');
    const officer = await createTestUser(env.db, police);
    const { recordCaseEvent } = createRecordActivities(env.db);
    const caseId = caseIds[0]!;
    const now = new Date().toISOString();
    const task: CaseTask = {
      taskId: `t-${crypto.randomUUID()}`,
      caseId,
      kind: 'household_registration',
      assigneeRole: 'department',
      department: 'public_security',
      institutionId: null,
      division: '150102',
      assigneeSub: null,
      status: 'open',
      required: true,
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      dueDateWarning: null,
      remindedAt: null,
      escalationLevel: 0,
      escalatedTo: null,
      outcome: null,
      note: null,
      blockReason: null,
      details: {},
      createdAt: now,
      completedAt: null,
      completedBy: null,
    };
    const event: RecordCaseEvent = {
      workflowId: caseId,
      runId: 'run-retried',
      seq: 900,
      caseId,
      division: '150102',
      event: { type: 'tasks.opened', actor: SYSTEM_PRINCIPAL, at: now, data: { tasks: [{ taskId: task.taskId }] } },
      tasks: [task],
    };
    await recordCaseEvent(event);
    const latecomer = await createTestUser(env.db, police);
    await recordCaseEvent(event);
    const recipients = await env.db
      .selectFrom('notification_recipients as r')
      .innerJoin('notifications as n', 'n.notification_id', 'r.notification_id')
      .select(['r.recipient_sub'])
      .where('n.task_id', '=', task.taskId)
      .execute();
    expect(recipients.map((r) => r.recipient_sub)).toEqual([officer.user.user_id]);
    expect(recipients.map((r) => r.recipient_sub)).not.toContain(latecomer.user.user_id);
  });
});
