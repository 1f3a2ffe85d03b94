// Policy versions (durations, task plans, destitute criteria) as the workflow reads them: the
// versions in force on a date for a division and the divisions above it.
import type { Selectable } from 'kysely';
import type { PolicyName } from '../../domain/policy.js';
import type { Db } from '../database.js';
import type { PoliciesTable } from '../schema.js';

/** Every version of the policy in force on `asOf` for any of `divisions`, latest first. */
export async function policyVersionsInForce(
  db: Db,
  name: PolicyName,
  divisions: readonly string[],
  asOf: string,
): Promise<Pick<Selectable<PoliciesTable>, 'policy_id' | 'division_code' | 'effective_from' | 'body'>[]> {
  return db
    .selectFrom('policies')
    .select(['policy_id', 'division_code', 'effective_from', 'body'])
    .where('name', '=', name)
    .where('division_code', 'in', divisions)
    .where('effective_from', '<=', asOf)
    .orderBy('effective_from', 'desc')
    .execute();
}

/**
 * Puts a policy version in force for a division from a date, unless one is already there for that
 * date (a version, once in force, is never rewritten: decisions recorded its id). True when added.
 */
export async function addPolicyVersion<N extends PolicyName>(
  db: Db,
  v: { name: N; division: string; effectiveFrom: string; body: unknown; note: string },
): Promise<boolean> {
  const added = await db
    .insertInto('policies')
    .values({
      policy_id: crypto.randomUUID(),
      name: v.name,
      division_code: v.division,
      effective_from: v.effectiveFrom,
      body: JSON.stringify(v.body),
      note: v.note,
    })
    .onConflict((oc) => oc.columns(['name', 'division_code', 'effective_from']).doNothing())
    .returning('policy_id')
    .executeTakeFirst();
  return added !== undefined;
}

/** Every version of every policy of `divisions`, by name, latest first (the administrator's 政策 page). */
export async function policyVersionsOf(
  db: Db,
  divisions: readonly string[],
): Promise<
  Pick<Selectable<PoliciesTable>, 'policy_id' | 'name' | 'division_code' | 'effective_from' | 'note' | 'body'>[]
> {
  return db
    .selectFrom('policies')
    .select(['policy_id', 'name', 'division_code', 'effective_from', 'note', 'body'])
    .where('division_code', 'in', divisions)
    .orderBy('name')
    .orderBy('effective_from', 'desc')
    .orderBy('division_code')
    .execute();
}
