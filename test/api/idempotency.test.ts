// Idempotency-Key: the same request replays the first answer, another request with the key is a
// 409, a key still in flight is a 409, and an answer that may change (a 5xx, a stage refusal)
// releases the key for a retry. Over 250 lines because each of those rules is shown on every
// kind of route (JSON, streamed CSV, case actions through the workflow), which share one app.
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { buildApp } from '../../api/app.js';
import { caseApi, independentAssessment } from '../support/caseApi.js';
import {
  civilAffairs,
  institution,
  rosterCsv,
  rosterRow,
  uniqueIdNumber,
  uniqueRegistration,
} from '../support/fixtures.js';
import { TEST_JWT_SECRET, type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
let api: ReturnType<typeof caseApi>;
const inst = institution();

beforeAll(async () => {
  env = await createTestEnv();
  api = caseApi(env);
});
afterAll(async () => env?.close());

const withKey = (key: string) => ({ 'idempotency-key': key });
const casesOf = async (idNumber: string) =>
  env.db
    .selectFrom('cases')
    .innerJoin('persons', 'persons.person_id', 'cases.person_id')
    .select('cases.case_id')
    .where('persons.id_number', '=', idNumber)
    .execute();

describe('Idempotency-Key', () => {
  it('replays the first answer to the same request and creates one case', async () => {
    const body = uniqueRegistration();
    const first = await api.call(inst, 'POST', '/v1/cases', body, withKey('register-1'));
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The same body with its properties in another order is the same request.
    const reordered = { division: body.division, person: Object.fromEntries(Object.entries(body.person).reverse()) };
    const again = await api.call(inst, 'POST', '/v1/cases', reordered, withKey('register-1'));
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await casesOf(body.person.idNumber)).toHaveLength(1);
  });

  it('refuses the key with another body or on another route, naming the reuse', async () => {
    const body = uniqueRegistration();
    expect((await api.call(inst, 'POST', '/v1/cases', body, withKey('register-2'))).statusCode).toBe(201);
    const other = await api.call(inst, 'POST', '/v1/cases', uniqueRegistration(), withKey('register-2'));
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toMatchObject({
      code: 'CONFLICT',
      message: 'this Idempotency-Key was first used with a different body; use a new key for another request',
    });
    const elsewhere = await api.call(
      inst,
      'POST',
      `/v1/cases/${(await casesOf(body.person.idNumber))[0]!.case_id}/withdraw`,
      { reason: 'moved', note: '' },
      withKey('register-2'),
    );
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().error.message).toBe(
      'this Idempotency-Key was first used for POST /v1/cases; use a new key for another request',
    );
    // Keys belong to their caller: another institution's same key is its own.
    const otherCaller = await api.call(
      institution('inst-other'),
      'POST',
      '/v1/cases',
      uniqueRegistration(),
      withKey('register-2'),
    );
    expect(otherCaller.statusCode).toBe(201);
  });

  it('answers concurrent requests with one key once: one 201, the others 409 in progress', async () => {
    const body = uniqueRegistration();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => api.call(inst, 'POST', '/v1/cases', body, withKey('register-3'))),
    );
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409)) {
      expect(a.json().error.message).toBe(
        'a request with this Idempotency-Key is in progress; retry once it has answered',
      );
    }
    expect(await casesOf(body.person.idNumber)).toHaveLength(1);
    const later = await api.call(inst, 'POST', '/v1/cases', body, withKey('register-3'));
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBe('true');
  });

  it('keeps a validation refusal, so the key cannot be reused with a corrected body', async () => {
    const good = uniqueRegistration();
    const id = good.person.idNumber;
    const bad = { ...good, person: { ...good.person, idNumber: id.slice(0, 17) + (id[17] === '1' ? '2' : '1') } };
    const first = await api.call(inst, 'POST', '/v1/cases', bad, withKey('register-4'));
    expect(first.statusCode).toBe(400);
    const replay = await api.call(inst, 'POST', '/v1/cases', bad, withKey('register-4'));
    expect(replay.statusCode).toBe(400);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    expect((await api.call(inst, 'POST', '/v1/cases', good, withKey('register-4'))).statusCode).toBe(409);
  });

  it('releases the key after an answer that depends on the case stage, so a later retry runs', async () => {
    const { caseId } = await api.register(inst, uniqueRegistration());
    const review = { decision: 'approve', comment: '同意' };
    const early = await api.call(civilAffairs(), 'POST', `/v1/cases/${caseId}/review`, review, withKey('review-1'));
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('INVALID_STAGE');
    await api.assess(inst, caseId, independentAssessment);
    await api.propose(inst, caseId, { pathway: 'social_placement' });
    const retried = await api.call(civilAffairs(), 'POST', `/v1/cases/${caseId}/review`, review, withKey('review-1'));
    expect(retried.statusCode).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    expect(retried.json().stage).toBe('social_placement');
    const replay = await api.call(civilAffairs(), 'POST', `/v1/cases/${caseId}/review`, review, withKey('review-1'));
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().reviews).toHaveLength(1);
  });

  it('releases the key after a 5xx, so the retry runs', async () => {
    // An app whose Temporal connection is closed fails to start the workflow: 500, nothing written.
    const connection = await Connection.connect({ address: inject('temporalAddress') });
    await connection.close();
    const broken = await buildApp({
      db: env.db,
      temporal: { client: new Client({ connection }), taskQueue: env.taskQueue },
      auth: { jwtSecret: TEST_JWT_SECRET },
    });
    try {
      const body = uniqueRegistration();
      const failed = await broken.inject({
        method: 'POST',
        url: '/v1/cases',
        headers: { authorization: `Bearer ${env.token(inst)}`, ...withKey('register-5') },
        payload: body,
      });
      expect(failed.statusCode).toBe(500);
      expect(failed.json().error.code).toBe('INTERNAL');
      const retried = await api.call(inst, 'POST', '/v1/cases', body, withKey('register-5'));
      expect(retried.statusCode).toBe(201);
      expect(retried.headers['idempotent-replayed']).toBeUndefined();
    } finally {
      await broken.close();
    }
  });

  it('takes over a claim abandoned mid-request, and a key past its 24 hours', async () => {
    const sub = inst.sub;
    const old = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    await env.db
      .insertInto('idempotency_keys')
      .values([
        { principal: sub, key: 'crashed', method: 'POST', path: '/v1/cases', body_hash: 'x', created_at: old(11) },
        { principal: sub, key: 'running', method: 'POST', path: '/v1/cases', body_hash: 'x', created_at: old(1) },
        {
          principal: sub,
          key: 'yesterday',
          method: 'POST',
          path: '/v1/cases',
          body_hash: 'x',
          status_code: 201,
          response: '{}',
          created_at: old(25 * 60),
        },
      ])
      .execute();
    expect((await api.call(inst, 'POST', '/v1/cases', uniqueRegistration(), withKey('crashed'))).statusCode).toBe(201);
    expect((await api.call(inst, 'POST', '/v1/cases', uniqueRegistration(), withKey('running'))).statusCode).toBe(409);
    const reused = await api.call(inst, 'POST', '/v1/cases', uniqueRegistration(), withKey('yesterday'));
    expect(reused.statusCode).toBe(201);
    expect(reused.headers['idempotent-replayed']).toBeUndefined();
  });

  it('hashes a CSV roster as its raw text', async () => {
    const csv = rosterCsv([rosterRow('150102'), rosterRow('150102')]);
    const upload = (text: string, key: string) =>
      env.app.inject({
        method: 'POST',
        url: '/v1/cases/import',
        headers: { authorization: `Bearer ${env.token(inst)}`, 'content-type': 'text/csv', ...withKey(key) },
        payload: text,
      });
    const first = await upload(csv, 'roster-1');
    expect(first.json()).toMatchObject({ created: 2 });
    const replay = await upload(csv, 'roster-1');
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const withBom = await upload(`\uFEFF${csv}`, 'roster-1');
    expect(withBom.statusCode).toBe(409);
    expect(withBom.json().error.message).toContain('different body');
  });

  it('honours PATCH, and refuses a key that is empty or longer than 200 characters', async () => {
    const { caseId } = await api.register(inst, uniqueRegistration());
    const change = { changes: { name: '更正后的名字' }, reason: '姓名录入错误' };
    const first = await api.call(inst, 'PATCH', `/v1/cases/${caseId}`, change, withKey('patch-1'));
    expect(first.statusCode).toBe(200);
    const again = await api.call(inst, 'PATCH', `/v1/cases/${caseId}`, change, withKey('patch-1'));
    expect(again.headers['idempotent-replayed']).toBe('true');
    const corrections = await env.db
      .selectFrom('case_corrections')
      .select('correction_id')
      .where('case_id', '=', caseId)
      .execute();
    expect(corrections).toHaveLength(1);

    for (const key of ['', 'k'.repeat(201)]) {
      const res = await api.call(
        inst,
        'POST',
        '/v1/cases',
        uniqueRegistration('150102', { idNumber: uniqueIdNumber() }),
        withKey(key),
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('idempotency-key');
    }
    expect((await api.call(inst, 'POST', '/v1/cases', uniqueRegistration(), withKey('k'.repeat(200)))).statusCode).toBe(
      201,
    );
  });
});

describe('Idempotency-Key and the case engine', () => {
  it('a retried action with the same key joins the first Update, so it is applied once', async () => {
    const { sendCaseUpdate, updateIdFor } = await import('../../api/services/caseUpdate.js');
    const { withdrawCaseUpdate } = await import('../../workflows/case/definitions.js');
    const { caseId } = await api.register(inst, uniqueRegistration());
    const updateId = updateIdFor(inst, 'withdraw-once', 'withdraw');
    const temporal = { client: env.client, taskQueue: env.taskQueue };
    // As if the first answer was lost and the client retried past the API's own key store.
    const first = await sendCaseUpdate(
      temporal,
      caseId,
      withdrawCaseUpdate,
      { actor: inst, reason: 'declined', note: '本人放弃' },
      updateId,
    );
    const retry = await sendCaseUpdate(
      temporal,
      caseId,
      withdrawCaseUpdate,
      { actor: inst, reason: 'declined', note: '本人放弃' },
      updateId,
    );
    expect(first.stage).toBe('withdrawn');
    expect(retry.stage).toBe('withdrawn');
    const withdrawals = await env.db
      .selectFrom('audit_events')
      .select('data')
      .where('chain_id', '=', caseId)
      .where('action', '=', 'stage.changed')
      .execute();
    expect(withdrawals.filter((e) => (e.data as { to?: string }).to === 'withdrawn')).toHaveLength(1);
    // Without the same key, the second withdrawal is refused by the workflow.
    await expect(
      sendCaseUpdate(temporal, caseId, withdrawCaseUpdate, { actor: inst, reason: 'declined', note: '' }),
    ).rejects.toThrow();
  });
});
