// Corrections carry personal values, so they wait in PostgreSQL and the workflow handles only
// their id. Applying one is idempotent: a correction already applied is left as it is.
import type { Principal } from '../../domain/access.js';
import type { Db, Trx } from '../database.js';
import { idNumberHash } from '../idNumberHash.js';

/** Person fields a correction may change, and their column names. */
export const PERSON_FIELDS = {
  name: 'name',
  idNumber: 'id_number',
  hukouType: 'hukou_type',
  disability: 'disability',
  seriousIllness: 'serious_illness',
  inFullTimeEducationUntil: 'in_full_time_education_until',
  bankAccount: 'bank_account',
} as const;

/** Applies the correction to the person (its row locked until the transaction ends). */
export async function applyPendingCorrection(trx: Trx, correctionId: string): Promise<void> {
  const correction = await trx
    .selectFrom('case_corrections')
    .innerJoin('cases', 'cases.case_id', 'case_corrections.case_id')
    .select(['case_corrections.changes', 'case_corrections.status', 'cases.person_id'])
    .where('correction_id', '=', correctionId)
    .forUpdate()
    .executeTakeFirst();
  if (!correction || correction.status !== 'pending') return;
  const changes = correction.changes;
  const set: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(PERSON_FIELDS)) {
    if (!(field in changes)) continue;
    const value = changes[field];
    set[column] = value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
  }
  // Search finds the person by the corrected number, and no longer by the old one.
  if (typeof set.id_number === 'string') set.id_number_hash = idNumberHash(set.id_number);
  if (typeof changes.birthDate === 'string') set.birth_date = changes.birthDate;
  if (typeof changes.sex === 'string') set.sex = changes.sex;
  if (Object.keys(set).length > 0) {
    await trx
      .updateTable('persons')
      .set({ ...set, updated_at: new Date() })
      .where('person_id', '=', correction.person_id)
      .execute();
  }
  await trx
    .updateTable('case_corrections')
    .set({ status: 'applied', applied_at: new Date() })
    .where('correction_id', '=', correctionId)
    .execute();
}

/** A correction waiting for its case's workflow to accept it (the workflow sees only its id). */
export async function insertPendingCorrection(
  db: Db,
  c: { correctionId: string; caseId: string; changes: Record<string, unknown>; reason: string; requestedBy: Principal },
): Promise<void> {
  await db
    .insertInto('case_corrections')
    .values({
      correction_id: c.correctionId,
      case_id: c.caseId,
      changes: JSON.stringify(c.changes),
      reason: c.reason,
      requested_by: JSON.stringify(c.requestedBy),
      status: 'pending',
    })
    // The retry of a correction under the same Idempotency-Key finds its row written.
    .onConflict((oc) => oc.column('correction_id').doNothing())
    .execute();
}

/** The workflow refused the correction: it is kept, marked refused, and never applied. */
export async function markCorrectionRefused(db: Db, correctionId: string): Promise<void> {
  await db
    .updateTable('case_corrections')
    .set({ status: 'refused' })
    .where('correction_id', '=', correctionId)
    .execute();
}
