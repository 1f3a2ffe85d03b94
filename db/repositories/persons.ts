// Persons: the youth's personal data, one row per ID number, which never enters Temporal. A
// person registered again (a new case after an earlier one ended) keeps the row, updated.
import type { Db, Trx } from '../database.js';
import type { PersonsTable } from '../schema.js';
import type { Insertable } from 'kysely';
import { TERMINAL_STAGES } from '../../domain/vocabulary.js';
import { idNumberHash } from '../idNumberHash.js';

/**
 * Writes the person (or refreshes the one with this ID number) in the registration's transaction,
 * with the keyed hash of the ID number that search matches.
 */
export async function upsertPerson(
  trx: Trx,
  person: Omit<Insertable<PersonsTable>, 'created_at' | 'updated_at' | 'id_number_hash'>,
): Promise<string> {
  const row = await trx
    .insertInto('persons')
    .values({ ...person, id_number_hash: idNumberHash(person.id_number) })
    .onConflict((oc) =>
      oc.column('id_number').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        id_number_hash: eb.ref('excluded.id_number_hash'),
        hukou_type: eb.ref('excluded.hukou_type'),
        disability: eb.ref('excluded.disability'),
        serious_illness: eb.ref('excluded.serious_illness'),
        in_full_time_education_until: eb.ref('excluded.in_full_time_education_until'),
        bank_account: eb.ref('excluded.bank_account'),
        updated_at: new Date(),
      })),
    )
    .returning('person_id')
    .executeTakeFirstOrThrow();
  return row.person_id;
}

export async function personIdOf(db: Db, idNumber: string): Promise<string | undefined> {
  const row = await db.selectFrom('persons').select('person_id').where('id_number', '=', idNumber).executeTakeFirst();
  return row?.person_id;
}

/** The case of this ID number that has not ended, if there is one (there is at most one). */
export async function openCaseOf(db: Db, idNumber: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('cases')
    .innerJoin('persons', 'persons.person_id', 'cases.person_id')
    .select('cases.case_id')
    .where('persons.id_number', '=', idNumber)
    .where('cases.stage', 'not in', TERMINAL_STAGES)
    .executeTakeFirst();
  return row?.case_id;
}
