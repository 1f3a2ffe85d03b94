// Waits, by polling the case read model, until every case has reached a stage (bounded in time).
import type { Db } from '../../db/database.js';

export async function countInStage(db: Db, caseIds: readonly string[], stage: string): Promise<number> {
  let total = 0;
  for (let i = 0; i < caseIds.length; i += 5000) {
    const chunk = caseIds.slice(i, i + 5000);
    const row = await db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('case_id', 'in', chunk)
      .where('stage', '=', stage)
      .executeTakeFirstOrThrow();
    total += Number(row.n);
  }
  return total;
}

/** Returns how many queries the polling took, for those who count queries. */
export async function waitForStage(
  db: Db,
  caseIds: readonly string[],
  stage: string,
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (let polls = 1; ; polls++) {
    const n = await countInStage(db, caseIds, stage);
    if (n === caseIds.length) return polls * Math.ceil(caseIds.length / 5000);
    if (Date.now() > deadline)
      throw new Error(`only ${n} of ${caseIds.length} cases reached ${stage} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
