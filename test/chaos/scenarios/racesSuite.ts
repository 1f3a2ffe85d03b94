// The race tests as one describe block, run by races.chaos.ts and by the fast subset alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChaosEnv, createChaosEnv } from '../support/chaosEnv.js';
import { fastDurations, setPolicy } from '../../support/caseApi.js';
import { setChaosPolicies } from '../support/drive.js';
import { parallelCompletions, parallelRegistrations, simultaneousApprovals } from './races.js';

export function racesSuite(name: string, n: number): void {
  let env: ChaosEnv;
  beforeAll(async () => {
    env = await createChaosEnv({ name });
    await setChaosPolicies(env.db);
    // A second visit far off: completing the first leaves the case open, so the race is about the task alone.
    await setPolicy(
      env.db,
      'durations',
      fastDurations({ followUpsAfterPlacement: [{ seconds: 1 }, { seconds: 3600 }] }),
    );
  });
  afterAll(async () => env?.close());

  describe('duplicates and races', () => {
    it(`${n} identical registrations at once: one 201, ${n - 1} 409 CONFLICT naming the same case`, async () => {
      const r = await parallelRegistrations(env, n);
      expect(r.statuses).toEqual([201, ...Array<number>(n - 1).fill(409)]);
      expect(new Set(r.codes)).toEqual(new Set(['CONFLICT']));
      expect(r.details).toEqual(Array(n - 1).fill({ caseId: r.winner.caseId }));
      const cases = await env.db.selectFrom('cases').select('case_id').where('case_id', 'like', 'case-%').execute();
      expect(cases.map((c) => c.case_id)).toEqual([r.winner.caseId]);
    }, 120_000);

    it(`${n} completions of one task at once: one 200, ${n - 1} 409, recorded once`, async () => {
      const r = await parallelCompletions(env, n);
      expect(r.statuses).toEqual([200, ...Array<number>(n - 1).fill(409)]);
      // Which 409 each loser gets is the REGRESSION test's business (knownDefects.chaos.ts).
      expect(r.taskStatus).toBe('done');
      expect(r.completions).toBe(1);
    }, 120_000);

    it('two reviewers approving at once: one approval, the other refused', async () => {
      const r = await simultaneousApprovals(env);
      expect(r.statuses).toEqual([200, 409]);
      expect(r.reviews).toBe(1);
    }, 60_000);
  });
}
