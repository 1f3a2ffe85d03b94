// Every timer of a case fires: transition planning before the 18th birthday, adulthood, the end
// of a deferral, task reminders, escalation when overdue (and again up to the region), escalation
// of a blocker. Policy durations are scaled down to seconds through policy data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDateOf, startOfShanghaiDay } from '../../domain/shanghaiDates.js';
import { caseApi, eventually, fastDurations, independentAssessment, setPolicy } from '../support/caseApi.js';
import { startCaseAt } from '../support/directCase.js';
import { department, civilAffairs, institution, registrationBody } from '../support/fixtures.js';
import { recordHistory } from '../support/recordHistory.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
let api: ReturnType<typeof caseApi>;
const inst = institution();

beforeAll(async () => {
  env = await createTestEnv();
  api = caseApi(env);
});
afterAll(async () => env?.close());

const stageOf = (caseId: string) => api.get(inst, caseId).then((c) => c.stage as string);

describe('timers', () => {
  it('enters transition planning at the lead time before adulthood, then assessment on the birthday', async () => {
    await setPolicy(env.db, 'durations', fastDurations({ transitionLeadTime: { seconds: 2 } }));
    const caseId = await startCaseAt(env, new Date(Date.now() + 4000));
    await eventually(
      () => stageOf(caseId),
      (s) => s === 'awaiting_adulthood',
      3000,
    );
    const planning = await eventually(
      () => api.get(inst, caseId),
      (c) => c.stage === 'transition_planning',
      5000,
    );
    expect(planning.tasks.map((t: { kind: string }) => t.kind)).toEqual(['transition_preparation']);
    const adult = await eventually(
      () => api.get(inst, caseId),
      (c) => c.stage === 'assessment',
      6000,
    );
    expect(adult.tasks.map((t: { kind: string }) => t.kind)).toEqual(['transition_preparation', 'assessment']);
  });

  it('wakes a deferred case for reassessment when full-time education ends', async () => {
    // Education ends tomorrow; reassessment starts that long before it, less three seconds.
    const until = addDays(shanghaiDateOf(new Date()), 1);
    const lead = Math.floor((startOfShanghaiDay(until).getTime() - Date.now()) / 1000) - 3;
    await setPolicy(env.db, 'durations', fastDurations({ reassessmentLeadTime: { seconds: lead } }));
    const { caseId } = await api.register(inst, registrationBody());
    const deferred = await api.assess(inst, caseId, { ...independentAssessment, inFullTimeEducationUntil: until });
    expect(deferred.stage).toBe('deferred');
    const woken = await eventually(
      () => api.get(inst, caseId),
      (c) => c.stage === 'assessment',
      8000,
    );
    const open = woken.tasks.filter((t: { status: string }) => t.status === 'open');
    expect(open).toHaveLength(1);
    expect(open[0].details.why).toBe('full-time education ends: reassessment');
    await recordHistory(env, caseId, 'deferral-reassessment');
  });

  it('reminds before the due date, escalates when overdue, and again up to the region', async () => {
    await setPolicy(
      env.db,
      'durations',
      fastDurations({
        taskSla: { default: { seconds: 3 } },
        reminderBeforeDue: { seconds: 2 },
        escalationInterval: { seconds: 1 },
      }),
    );
    const { caseId, tasks } = await api.register(inst, registrationBody());
    const taskId: string = tasks[0].taskId;
    const reminded = await eventually(
      () => api.task(inst, taskId),
      (t) => t.escalationLevel === 0 && t.status === 'open' && t.details !== undefined,
      3000,
    );
    expect(reminded.overdue).toBe(false);
    const row = await eventually(
      () => env.db.selectFrom('tasks').selectAll().where('task_id', '=', taskId).executeTakeFirstOrThrow(),
      (t) => t.reminded_at !== null,
      4000,
    );
    expect(row.escalation_level).toBe(0);
    const toLeague = await eventually(
      () => api.task(inst, taskId),
      (t) => t.escalationLevel >= 1,
      5000,
    );
    expect(toLeague.overdue).toBe(true);
    const toRegion = await eventually(
      () => api.task(inst, taskId),
      (t) => t.escalationLevel === 2,
      5000,
    );
    expect(toRegion.escalatedTo).toBe('150000');
    const notes = await env.db
      .selectFrom('notifications')
      .selectAll()
      .where('task_id', '=', taskId)
      .where('kind', 'in', ['reminder', 'escalation'])
      .orderBy('created_at')
      .execute();
    expect(notes.map((n) => [n.kind, n.division_code])).toEqual([
      ['reminder', '150102'],
      ['escalation', '150100'],
      ['escalation', '150000'],
    ]);
    // The institution's inbox shows it overdue.
    const overdue = await api.inbox(inst, `status=overdue&caseId=${caseId}`);
    expect(overdue.items.map((t: { taskId: string }) => t.taskId)).toEqual([taskId]);
  });

  it('escalates a blocked task at once and lets it be completed afterwards', async () => {
    await setPolicy(env.db, 'durations', fastDurations());
    const { caseId } = await api.register(inst, registrationBody());
    await api.assess(inst, caseId, independentAssessment);
    await api.propose(inst, caseId, { pathway: 'social_placement' });
    await api.review(civilAffairs(), caseId, { decision: 'approve', comment: '同意' });
    const police = department('public_security');
    const [task] = (await api.inbox(police, `caseId=${caseId}`)).items;
    const blocked = await api.block(police, task.taskId, '缺少户口迁移证明');
    expect(blocked).toMatchObject({
      status: 'blocked',
      blockReason: '缺少户口迁移证明',
      escalationLevel: 1,
      escalatedTo: '150100',
    });
    const [note] = await env.db
      .selectFrom('notifications')
      .selectAll()
      .where('task_id', '=', task.taskId)
      .where('kind', '=', 'escalation')
      .execute();
    expect(note).toMatchObject({ kind: 'escalation', division_code: '150100', recipient_org: 'public_security' });
    // The league's public security office now sees it too, and can complete it.
    const league = department('public_security', '150100');
    expect((await api.inbox(league, `caseId=${caseId}`)).items.map((t: { taskId: string }) => t.taskId)).toContain(
      task.taskId,
    );
    expect((await api.complete(league, task.taskId, 'done', '已补齐材料')).status).toBe('done');
  });
});
