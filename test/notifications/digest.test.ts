// The daily e-mail digest against a real SMTP server (Mailpit, tools/mail/mailpit.ts): who gets
// one (an e-mail address, the preference on, tasks in the inbox), what it says (counts, the
// glossary's Chinese task kinds, due dates, links; never a name or ID number), one mail per user
// and day however often the digest runs (by hand, then by its Temporal Schedule), and exactly one
// after the worker, a real child process, is SIGKILLed in the middle of an SMTP transaction.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureDigestSchedule } from '../../bin/runtime/digestSchedule.js';
import { shanghaiDateOf } from '../../domain/shanghaiDates.js';
import { type Mailpit, type MailMessage, startMailpit } from '../../tools/mail/mailpit.js';
import type { DigestSummary, emailDigestWorkflow } from '../../workflows/digest/digestWorkflow.js';
import { type WorkerChild, startWorkerChild } from '../chaos/support/workerChild.js';
import { type TestUser, createTestUser } from '../support/accounts.js';
import { caseApi } from '../support/caseApi.js';
import { department, institution, registrationBody, uniqueIdNumber } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';
import { type SmtpGate, startSmtpGate } from './support/smtpGate.js';

const CONSOLE = 'https://console.example.gov.cn';
const FROM = '安置系统 <digest@mz.example.gov.cn>';

let mailpit: Mailpit;
let env: TestEnv;
let api: ReturnType<typeof caseApi>;
const people: Array<{ name: string; idNumber: string }> = [];
const casesOf: Record<string, string[]> = {};
let users: Record<'a1' | 'a2' | 'b' | 'noEmail' | 'off' | 'otherLeague', TestUser>;

const withEmail = async (u: TestUser, email: string) => {
  await env.db.updateTable('users').set({ email }).where('user_id', '=', u.user.user_id).execute();
  return u;
};
const mailsTo = (all: Array<{ To: Array<{ Address: string }> }>, address: string) =>
  all.filter((m) => m.To.some((t) => t.Address === address));

async function runDigest(taskQueue: string, input: Parameters<typeof emailDigestWorkflow>[0]): Promise<DigestSummary> {
  return env.client.workflow.execute<typeof emailDigestWorkflow>('emailDigestWorkflow', {
    workflowId: `email-digest-test-${randomUUID()}`,
    taskQueue,
    args: [input],
  });
}

beforeAll(async () => {
  mailpit = await startMailpit();
  env = await createTestEnv({ digest: { smtpUrl: mailpit.smtpUrl, from: FROM, consoleUrl: CONSOLE } });
  api = caseApi(env);
  const instA = institution('inst-digest-a', '150102');
  const instB = institution('inst-digest-b', '150103');
  users = {
    a1: await withEmail(await createTestUser(env.db, instA), 'a1@inst-a.example.cn'),
    a2: await withEmail(await createTestUser(env.db, instA), 'a2@inst-a.example.cn'),
    b: await withEmail(await createTestUser(env.db, instB), 'b@inst-b.example.cn'),
    noEmail: await createTestUser(env.db, instA),
    off: await withEmail(await createTestUser(env.db, instA), 'off@inst-a.example.cn'),
    // Baotou's human resources department: a league whose cases these are not.
    otherLeague: await withEmail(await createTestUser(env.db, department('hrss', '150200')), 'hrss@baotou.example.cn'),
  };
  const turnedOff = await env.app.inject({
    method: 'PATCH',
    url: '/v1/me/preferences',
    headers: { authorization: `Bearer ${env.token(users.off.principal)}` },
    payload: { emailDigest: false },
  });
  expect(turnedOff.json()).toEqual({ emailDigest: false });

  for (const [inst, division, count] of [
    [instA, '150102', 3],
    [instB, '150103', 1],
  ] as const) {
    casesOf[inst.org] = [];
    for (let i = 0; i < count; i++) {
      const person = { name: `乌兰托娅${inst.org.slice(-1)}${i}`, idNumber: uniqueIdNumber(18, division, 30) };
      people.push(person);
      const created = await api.register(inst, registrationBody({ division, person }));
      casesOf[inst.org]!.push(created.caseId as string);
    }
  }
  // As if time had passed: one of institution A's tasks past due, one due within the hour, and
  // institution B's due in 30 hours (due soon today, and still due soon or overdue tomorrow).
  await env.db
    .updateTable('tasks')
    .set({ due_at: new Date(Date.now() + 30 * 3600_000) })
    .where('case_id', 'in', casesOf[instB.org]!)
    .execute();
  const tasksA = await env.db
    .selectFrom('tasks')
    .select(['task_id', 'case_id'])
    .where('case_id', 'in', casesOf[instA.org]!)
    .where('status', '=', 'open')
    .orderBy('case_id')
    .execute();
  expect(tasksA.length).toBeGreaterThanOrEqual(3);
  await env.db
    .updateTable('tasks')
    .set({ due_at: new Date(Date.now() - 26 * 3600_000) })
    .where('task_id', '=', tasksA[0]!.task_id)
    .execute();
  await env.db
    .updateTable('tasks')
    .set({ due_at: new Date(Date.now() + 3600_000) })
    .where('task_id', '=', tasksA[1]!.task_id)
    .execute();
}, 240_000);

afterAll(async () => {
  await env?.close();
  await mailpit?.stop();
});

describe('the daily e-mail digest', () => {
  let first: DigestSummary;
  let mails: MailMessage[];

  it('goes to each user with an address, the preference on and tasks; to nobody else', async () => {
    first = await runDigest(env.taskQueue, { retryInitialSeconds: 1 });
    mails = await mailpit.all();
    const to = mails.flatMap((m) => m.To.map((t) => t.Address)).sort();
    expect(to).toEqual(['a1@inst-a.example.cn', 'a2@inst-a.example.cn', 'b@inst-b.example.cn']);
    expect(first).toMatchObject({ sent: 3, failed: 0, day: shanghaiDateOf(new Date()) });
    // The department of another league had an address and the preference on, but nothing to do.
    expect(first.nothing_to_report).toBe(1);
  });

  it('says how many tasks are new, due soon and overdue, and lists each by case, kind in Chinese and due date', () => {
    const [mail] = mailsTo(mails, 'a1@inst-a.example.cn') as MailMessage[];
    const day = shanghaiDateOf(new Date());
    expect(mail!.Subject).toBe(`待办摘要 ${day}：新任务 3 · 即将到期 1 · 已超期 1`);
    expect(mail!.Text).toContain('新任务（3）');
    expect(mail!.Text).toContain('已超期（1）');
    for (const caseId of casesOf['inst-digest-a']!) {
      expect(mail!.Text).toContain(`${CONSOLE}/cases/${caseId}`);
      expect(mail!.HTML).toContain(`href="${CONSOLE}/cases/${caseId}"`);
    }
    expect(mail!.Text).toContain(`${CONSOLE}/inbox`);
    // Each task line: case id · the glossary's word for its kind · due date (Asia/Shanghai).
    const lines = mail!.Text.split('\n').filter((l) => l.startsWith('- '));
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const line of lines) expect(line).toMatch(/^- \S+ · [\u4e00-\u9fff（）]+ · \d{4}-\d{2}-\d{2} 到期/);
    // Institution B sees its own case only.
    const [mailB] = mailsTo(mails, 'b@inst-b.example.cn') as MailMessage[];
    expect(mailB!.Subject).toBe(`待办摘要 ${day}：新任务 1 · 即将到期 1 · 已超期 0`);
    for (const caseId of casesOf['inst-digest-a']!) expect(mailB!.Text).not.toContain(caseId);
  });

  it('carries no name and no ID number of any youth', () => {
    expect(people.length).toBe(4);
    const text = mails.map((m) => `${m.Subject}\n${m.Text}\n${m.HTML}`).join('\n');
    const leaks = people.flatMap((p, i) => [
      ...(text.includes(p.name) ? [`name of person #${i}`] : []),
      ...(text.includes(p.idNumber) ? [`ID number of person #${i}`] : []),
    ]);
    expect(leaks).toEqual([]);
  });

  it('has a Message-ID made from user and day, so a receiving system can drop a duplicate', async () => {
    const rows = await env.db.selectFrom('email_digests').selectAll().where('state', '=', 'sent').execute();
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const mail = mails.find((m) => `<${m.MessageID}>` === row.message_id);
      expect(mail, `a mail with ${row.message_id}`).toBeDefined();
      expect(row.smtp_response).toMatch(/^250 /);
    }
  });

  it('runs daily from a Temporal Schedule, and a second run of the same day sends nothing again', async () => {
    const scheduleId = `email-digest-${env.taskQueue}`;
    const o = { cron: '0 8 * * *', taskQueue: env.taskQueue, enabled: true, scheduleId };
    expect(await ensureDigestSchedule(env.client, o)).toBe('created');
    // Every worker start runs this: a second time, or with another time, it updates the one schedule.
    expect(await ensureDigestSchedule(env.client, { ...o, cron: '30 7 * * 1-5' })).toBe('updated');
    const handle = env.client.schedule.getHandle(scheduleId);
    try {
      const described = await handle.describe();
      expect(described.spec.timezone).toBe('Asia/Shanghai');
      expect(JSON.stringify(described.spec)).toContain('"hour":[{"start":7');
      await handle.trigger();
      let workflowId: string | undefined;
      for (let i = 0; i < 300 && !workflowId; i++) {
        const recent = (await handle.describe()).info.recentActions;
        workflowId = recent[0]?.action.workflow.workflowId;
        if (!workflowId) await new Promise((r) => setTimeout(r, 100));
      }
      expect(workflowId).toMatch(new RegExp(`^${scheduleId}-`));
      const second = (await env.client.workflow.getHandle(workflowId!).result()) as DigestSummary;
      expect(second).toMatchObject({ sent: 0, already_sent: 3, failed: 0 });
      expect(await mailpit.messages()).toHaveLength(3);
      // Without SMTP_URL the schedule is paused, not left to fail every morning.
      expect(await ensureDigestSchedule(env.client, { ...o, enabled: false })).toBe('paused');
      expect((await handle.describe()).state.paused).toBe(true);
    } finally {
      await handle.delete();
    }
  });
});

describe('a worker killed in the middle of an SMTP transaction', () => {
  let gate: SmtpGate;
  let worker: WorkerChild | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'digest-kill-'));
  afterAll(async () => {
    await worker?.kill();
    await gate?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leads to exactly one digest per user once the retry has run', async () => {
    await mailpit.deleteAll();
    gate = await startSmtpGate(mailpit.smtpPort);
    // The second of tomorrow's three mails is held before its final `.`: the first is delivered.
    gate.holdMessage(2);
    const taskQueue = `digest-kill-${randomUUID()}`;
    const start = () =>
      startWorkerChild({
        databaseUrl: env.databaseUrl,
        temporalAddress: inject('temporalAddress'),
        taskQueue,
        paymentServiceUrl: 'http://127.0.0.1:9',
        bundlePath: inject('workflowBundlePath'),
        logFile: join(dir, 'worker.log'),
        env: { SMTP_URL: gate.url, MAIL_FROM: FROM, CONSOLE_URL: CONSOLE },
      });
    worker = await start();
    const tomorrow = new Date(Date.now() + 24 * 3600_000);
    const run = runDigest(taskQueue, {
      asOf: tomorrow.toISOString(),
      concurrency: 1,
      sendTimeoutSeconds: 10,
      retryInitialSeconds: 1,
    });
    await gate.held;
    expect(await worker.kill()).toBe('SIGKILL');
    gate.dropHeld();
    // The server never saw the end of the held message: it kept only the first.
    expect(await mailpit.messages()).toHaveLength(1);
    worker = await start();
    const summary = await run;
    // The first send completed before the kill; the held one was retried on the new worker.
    expect(summary).toMatchObject({ sent: 3, already_sent: 0, failed: 0, day: shanghaiDateOf(tomorrow) });
    const all = await mailpit.messages();
    const day = shanghaiDateOf(tomorrow);
    expect(all.map((m) => m.To[0]!.Address).sort()).toEqual([
      'a1@inst-a.example.cn',
      'a2@inst-a.example.cn',
      'b@inst-b.example.cn',
    ]);
    expect(all.every((m) => m.Subject.startsWith(`待办摘要 ${day}`))).toBe(true);
    const rows = await env.db.selectFrom('email_digests').selectAll().where('day', '=', day).execute();
    expect(rows.map((r) => r.state)).toEqual(['sent', 'sent', 'sent']);
    // The held user's digest took two SMTP transactions; the one delivered before the kill, one.
    expect(rows.map((r) => r.attempts).sort()).toEqual([1, 1, 2]);
    expect(readFileSync(join(dir, 'worker.log'), 'utf8')).toContain('worker ready');
  }, 300_000);
});
