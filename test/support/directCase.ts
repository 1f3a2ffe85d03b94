// Starts a case workflow directly with chosen instants, for timer tests that cannot wait for a
// real 18th birthday: the person and case rows are written as the API would write them.
import { randomUUID } from 'node:crypto';
import { startCaseWorkflow } from '../../api/services/registration.js';
import type { CaseFacts } from '../../workflows/case/state.js';
import { shanghaiDateOf } from '../../domain/shanghaiDates.js';
import { idNumberFor, institution } from './fixtures.js';
import type { TestEnv } from './testEnv.js';

export async function startCaseAt(env: TestEnv, adulthoodAt: Date, facts: Partial<CaseFacts> = {}): Promise<string> {
  const caseId = `case-${randomUUID()}`;
  const personId = randomUUID();
  const adulthoodDate = shanghaiDateOf(adulthoodAt);
  const inst = institution();
  await env.db
    .insertInto('persons')
    .values({
      person_id: personId,
      id_number: idNumberFor('2008-06-01'),
      name: '计时测试',
      birth_date: '2008-06-01',
      sex: 'male',
      hukou_type: 'urban',
    })
    .execute();
  await env.db
    .insertInto('cases')
    .values({
      case_id: caseId,
      person_id: personId,
      institution_id: inst.org,
      division_code: '150102',
      stage: 'awaiting_adulthood',
      adulthood_date: adulthoodDate,
    })
    .execute();
  await startCaseWorkflow(
    { client: env.client, taskQueue: env.taskQueue },
    {
      caseId,
      institutionId: inst.org,
      division: '150102',
      adulthoodDate,
      adulthoodAt: adulthoodAt.toISOString(),
      facts: {
        hukouType: 'urban',
        disability: null,
        seriousIllness: false,
        inFullTimeEducationUntil: null,
        hasBankAccount: true,
        ...facts,
      },
      registeredBy: inst,
    },
  );
  return caseId;
}
