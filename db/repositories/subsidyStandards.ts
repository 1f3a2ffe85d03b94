// Subsidy standards: civil affairs proposes a version, finance co-signs it, and from its
// effective date the workflow's quote reads it. Co-signing locks: the functions that take part in
// it take a transaction, opened by the caller together with the audit append.
import { sql } from 'kysely';
import type { Principal } from '../../domain/access.js';
import type { Db, Trx } from '../database.js';
import type { SubsidyStandardRow } from '../schema.js';

/** Every co-signed standard of `divisions` effective on or before `date`. */
export async function effectiveStandards(
  db: Db,
  divisions: readonly string[],
  date: string,
): Promise<Pick<SubsidyStandardRow, 'standard_id' | 'division_code' | 'amount_fen' | 'effective_from' | 'status'>[]> {
  return db
    .selectFrom('subsidy_standards')
    .select(['standard_id', 'division_code', 'amount_fen', 'effective_from', 'status'])
    .where('division_code', 'in', divisions)
    .where('status', '=', 'effective')
    .where('effective_from', '<=', date)
    .execute();
}

export interface ProposedStandard {
  standardId: string;
  division: string;
  amountFen: number;
  effectiveFrom: string;
  basis: string;
  proposedBy: Principal;
}

export async function insertProposedStandard(trx: Trx, s: ProposedStandard): Promise<SubsidyStandardRow> {
  return trx
    .insertInto('subsidy_standards')
    .values({
      standard_id: s.standardId,
      division_code: s.division,
      amount_fen: s.amountFen,
      effective_from: s.effectiveFrom,
      basis: s.basis,
      status: 'proposed',
      proposed_by: JSON.stringify(s.proposedBy),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The standard, its row locked until the transaction ends. */
export async function lockStandard(trx: Trx, standardId: string): Promise<SubsidyStandardRow | undefined> {
  return trx
    .selectFrom('subsidy_standards')
    .selectAll()
    .where('standard_id', '=', standardId)
    .forUpdate()
    .executeTakeFirst();
}

/** Serialises co-signatures per division until the transaction ends, so two versions cannot both pass the clash check. */
export async function serialiseCosigning(trx: Trx, division: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`subsidy-standards:${division}`}))`.execute(trx);
}

/** The standard already effective for the division from that date, if any. */
export async function effectiveStandardFrom(
  trx: Trx,
  division: string,
  effectiveFrom: string,
): Promise<string | undefined> {
  const clash = await trx
    .selectFrom('subsidy_standards')
    .select('standard_id')
    .where('division_code', '=', division)
    .where('effective_from', '=', effectiveFrom)
    .where('status', '=', 'effective')
    .executeTakeFirst();
  return clash?.standard_id;
}

export async function markStandardEffective(
  trx: Trx,
  standardId: string,
  cosignedBy: Principal,
  at: Date,
): Promise<SubsidyStandardRow> {
  return trx
    .updateTable('subsidy_standards')
    .set({ status: 'effective', cosigned_by: JSON.stringify(cosignedBy), cosigned_at: at })
    .where('standard_id', '=', standardId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
