import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  birthDateAged,
  civilAffairs,
  idNumberFor,
  institution,
  auditor,
  registrationBody,
} from '../support/fixtures.js';
import { eventually } from '../support/caseApi.js';
import { historyText } from '../support/historyText.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

const post = (token: string, body: unknown) =>
  env.app.inject({
    method: 'POST',
    url: '/v1/cases',
    headers: { authorization: `Bearer ${token}` },
    payload: body as object,
  });

describe('POST /v1/cases', () => {
  it('registers an adult youth, starts the workflow and answers with the case in assessment', async () => {
    const res = await post(env.token(institution()), registrationBody());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.caseId).toMatch(/^case-/);
    expect(body.stage).toBe('assessment');
    expect(body.institutionId).toBe('inst-hohhot-1');
    expect(body.person.idNumberMasked).toBe(false);
    expect(body.tasks.map((t: { kind: string }) => t.kind)).toEqual(['assessment']);
    const described = await env.client.workflow.getHandle(body.caseId).describe();
    expect(described.status.name).toBe('RUNNING');
    expect(described.taskQueue).toBe(env.taskQueue);
  });

  it('indexes the case by stage, pathway, division and institution, and by nothing personal', async () => {
    const body = registrationBody();
    const { caseId } = (await post(env.token(institution()), body)).json();
    const found = await eventually(
      async () => {
        const ids: string[] = [];
        for await (const wf of env.client.workflow.list({
          query: `CaseStage = "assessment" AND CaseDivision = "150102" AND CaseInstitution = "inst-hohhot-1"`,
        }))
          ids.push(wf.workflowId);
        return ids;
      },
      (ids) => ids.includes(caseId),
    );
    expect(found).toContain(caseId);
    const described = await env.client.workflow.getHandle(caseId).describe();
    const attributes = JSON.stringify(described.typedSearchAttributes);
    expect(attributes).not.toContain(body.person.idNumber);
    expect(attributes).not.toContain(body.person.name);
    expect(caseId).not.toContain(body.person.idNumber.slice(6, 14));
    const history = await historyText(env.client.workflow.getHandle(caseId));
    expect(history).not.toContain(body.person.idNumber);
    expect(history).not.toContain(body.person.name);
    expect(history).not.toContain(body.person.bankAccount.accountNo);
  });

  it('registers a youth months before the 18th birthday as awaiting adulthood', async () => {
    const res = await post(env.token(institution()), registrationBody({ birthDate: birthDateAged(17, 100) }));
    expect(res.statusCode).toBe(201);
    expect(res.json().stage).toBe('awaiting_adulthood');
  });

  it('starts transition planning with the hand-over checklist inside the 90-day lead time', async () => {
    const res = await post(env.token(institution()), registrationBody({ birthDate: birthDateAged(18, -30) }));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.stage).toBe('transition_planning');
    const task = body.tasks.find((t: { kind: string }) => t.kind === 'transition_preparation');
    expect(task.details.checklist).toEqual([
      'resident_id_card',
      'household_registration_booklet',
      'social_insurance_card',
      'bank_card',
      'education_certificates',
      'medical_records',
    ]);
  });

  it('refuses an ID number whose check digit fails, naming the field and the expected digit', async () => {
    const good = idNumberFor(birthDateAged(18, 10));
    const wrong = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const res = await post(env.token(institution()), registrationBody({ person: { idNumber: wrong } }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message).toContain('person.idNumber');
    expect(res.json().error.message).toContain(`require ${good[17]}`);
  });

  it('refuses a second open case for the same ID number with the existing caseId', async () => {
    const body = registrationBody();
    const first = await post(env.token(institution()), body);
    const second = await post(env.token(institution()), body);
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('CONFLICT');
    expect(second.json().error.details.caseId).toBe(first.json().caseId);
  });

  it('refuses a division outside the caller and one that does not exist', async () => {
    const outside = await post(env.token(institution()), registrationBody({ division: '150202' }));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toMatch(/^division: 150202 is not within your jurisdiction/);
    const missing = await post(env.token(institution('inst-r', '150000')), registrationBody({ division: '150199' }));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('150199 is not a GB/T 2260 division');
  });

  it('refuses unknown properties and missing fields by name', async () => {
    const extra = registrationBody();
    (extra.person as Record<string, unknown>).nickname = 'x';
    const res = await post(env.token(institution()), extra);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('unknown property "nickname"');
    const { hukouType: _h, ...person } = registrationBody().person;
    const missing = await post(env.token(institution()), { person, division: '150102' });
    expect(missing.json().error.message).toContain('body.person.hukouType is required');
  });

  it('refuses roles other than institution and callers without a valid token', async () => {
    expect((await post(env.token(civilAffairs()), registrationBody())).statusCode).toBe(403);
    const none = await env.app.inject({ method: 'POST', url: '/v1/cases', payload: registrationBody() });
    expect(none.statusCode).toBe(401);
    const forged = await post(env.token(institution()).slice(0, -3) + 'abc', registrationBody());
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('UNAUTHENTICATED');
  });
});

describe('GET /v1/cases/{caseId}', () => {
  it('masks the ID number for an auditor and shows it whole to the institution', async () => {
    const created = (await post(env.token(institution()), registrationBody())).json();
    const asAuditor = await env.app.inject({
      method: 'GET',
      url: `/v1/cases/${created.caseId}`,
      headers: { authorization: `Bearer ${env.token(auditor())}` },
    });
    expect(asAuditor.statusCode).toBe(200);
    expect(asAuditor.json().person.idNumber).toMatch(/^150102\*{8}\w{4}$/);
    const asOwner = await env.app.inject({
      method: 'GET',
      url: `/v1/cases/${created.caseId}`,
      headers: { authorization: `Bearer ${env.token(institution())}` },
    });
    expect(asOwner.json().person.idNumber).toBe(created.person.idNumber);
  });

  it('answers 404 to another jurisdiction and another institution', async () => {
    const created = (await post(env.token(institution()), registrationBody())).json();
    for (const p of [auditor('150200'), institution('inst-other')]) {
      const res = await env.app.inject({
        method: 'GET',
        url: `/v1/cases/${created.caseId}`,
        headers: { authorization: `Bearer ${env.token(p)}` },
      });
      expect(res.statusCode).toBe(404);
    }
  });
});
