// GET /v1/policies: each policy's versions for the caller's division and the divisions above it,
// never a sibling's, with the version in force marked as the workflow's loadPolicy would pick it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPolicyVersion } from '../../db/repositories/policies.js';
import type { Principal } from '../../domain/access.js';
import { shanghaiDateOf } from '../../domain/shanghaiDates.js';
import { fastDurations } from '../support/caseApi.js';
import { admin, auditor, civilAffairs, institution } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

interface Version {
  policyId: string;
  division: string;
  effectiveFrom: string;
  note: string;
  inForce: boolean;
  applies: boolean;
  body: Record<string, unknown>;
}
interface PolicyList {
  asOf: string;
  division: string;
  policies: Array<{ name: string; versions: Version[] }>;
}

let env: TestEnv;
const today = shanghaiDateOf(new Date());

beforeAll(async () => {
  env = await createTestEnv();
  const durations = (days: number) => fastDurations({ transitionLeadTime: { days } });
  // Hohhot (150100) has its own durations, one in force and one from 2099; Baotou (150200) its own.
  await addPolicyVersion(env.db, {
    name: 'durations',
    division: '150100',
    effectiveFrom: '2020-01-01',
    body: durations(60),
    note: '呼和浩特市 2020',
  });
  await addPolicyVersion(env.db, {
    name: 'durations',
    division: '150100',
    effectiveFrom: '2099-01-01',
    body: durations(30),
    note: '呼和浩特市 2099',
  });
  await addPolicyVersion(env.db, {
    name: 'durations',
    division: '150200',
    effectiveFrom: '2020-01-01',
    body: durations(45),
    note: '包头市 2020',
  });
});
afterAll(async () => env?.close());

async function policies(p: Principal) {
  const res = await env.app.inject({
    method: 'GET',
    url: '/v1/policies',
    headers: { authorization: `Bearer ${env.token(p)}` },
  });
  return res;
}
const versionsOf = (list: PolicyList, name: string) => list.policies.find((p) => p.name === name)!.versions;

describe('GET /v1/policies', () => {
  it("shows a league's admin the region's and its league's versions, not another league's", async () => {
    const res = await policies(admin('150100'));
    expect(res.statusCode).toBe(200);
    const list = res.json<PolicyList>();
    expect(list).toMatchObject({ asOf: today, division: '150100' });
    expect(list.policies.map((p) => p.name)).toEqual(['durations', 'task_plan', 'destitute_criteria']);

    const durations = versionsOf(list, 'durations');
    expect(durations.map((v) => [v.division, v.effectiveFrom, v.note])).toEqual([
      ['150100', '2099-01-01', '呼和浩特市 2099'],
      ['150100', '2020-01-01', '呼和浩特市 2020'],
      ['150000', '2000-01-01', expect.stringContaining('孤儿成年后安置办法')],
    ]);
    // The league's begun version applies to its cases; the region's is in force for the region only.
    expect(durations.map((v) => [v.inForce, v.applies])).toEqual([
      [false, false],
      [true, true],
      [true, false],
    ]);
    expect(durations[1]!.body).toMatchObject({ transitionLeadTime: { days: 60 } });
    expect(durations.some((v) => v.division === '150200')).toBe(false);

    // Without a version of its own, the region's applies.
    const plan = versionsOf(list, 'task_plan');
    expect(plan.map((v) => [v.division, v.inForce, v.applies])).toEqual([['150000', true, true]]);
    expect(Object.keys(plan[0]!.body)).toContain('social_placement');
  });

  it("shows the region's admin only the region's versions, and a county's civil affairs its league's", async () => {
    const region = (await policies(admin('150000'))).json<PolicyList>();
    expect(versionsOf(region, 'durations').map((v) => v.division)).toEqual(['150000']);
    expect(versionsOf(region, 'durations')[0]).toMatchObject({ inForce: true, applies: true });

    const county = (await policies(civilAffairs('150102'))).json<PolicyList>();
    expect(versionsOf(county, 'durations').map((v) => [v.division, v.applies])).toEqual([
      ['150100', false],
      ['150100', true],
      ['150000', false],
    ]);
    expect((await policies(auditor('150200'))).json<PolicyList>().policies[0]!.versions[0]).toMatchObject({
      division: '150200',
      note: '包头市 2020',
      applies: true,
    });
  });

  it('is refused to an institution', async () => {
    const res = await policies(institution('inst-A', '150102'));
    expect(res.statusCode).toBe(403);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('FORBIDDEN');
  });
});
