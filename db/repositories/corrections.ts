// Corrections carry personal values, so they wait in PostgreSQL and the workflow handles only
// their id. Applying one is idempotent: a correction already applied is left as it is.
import type { Transaction } from 'kysely';
import type { Database } from '../schema.js';

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

export async function applyPendingCorrection(trx: Transaction<Database>, correctionId: string): Promise<void> {
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
