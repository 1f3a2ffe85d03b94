// The policy versions of a division and the divisions above it, each marked in force (for its own
// division) and applying (to cases of the caller's division) as of today, the way the workflow's
// loadPolicy picks one: the nearest division with a version that has begun, its latest.
import type { Db } from '../../db/database.js';
import { policyVersionsOf } from '../../db/repositories/policies.js';
import type { Principal } from '../../domain/access.js';
import { divisionChain } from '../../domain/divisions.js';
import { POLICY_NAMES } from '../../domain/policy.js';
import { shanghaiDateOf } from '../../domain/shanghaiDates.js';
import type { PolicyList, PolicyVersion } from '../schemas/policies.js';

export async function listPolicies(db: Db, principal: Principal, now = new Date()): Promise<PolicyList> {
  const asOf = shanghaiDateOf(now);
  const chain = divisionChain(principal.division);
  const rows = await policyVersionsOf(db, chain);
  const policies = POLICY_NAMES.map((name) => {
    // Latest first, so the first begun version of a division is its version in force.
    const own = rows.filter((r) => r.name === name);
    const inForce = new Set(
      chain.flatMap((d) => own.find((r) => r.division_code === d && r.effective_from <= asOf)?.policy_id ?? []),
    );
    const applying = chain.map((d) => own.find((r) => r.division_code === d && r.effective_from <= asOf)).find(Boolean);
    const versions: PolicyVersion[] = own.map((r) => ({
      policyId: r.policy_id,
      division: r.division_code,
      effectiveFrom: r.effective_from,
      note: r.note,
      inForce: inForce.has(r.policy_id),
      applies: applying?.policy_id === r.policy_id,
      body: (r.body ?? {}) as Record<string, unknown>,
    }));
    return { name, versions };
  });
  return { asOf, division: principal.division, policies };
}
