// Shared by the audit tests: cases with a few events made through the API, and tampering done
// the way only a table owner can (triggers switched off inside one transaction).
import { type Transaction, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { hashEvent, storedHashFields } from '../../db/repositories/audit.js';
import { caseApi, independentAssessment } from '../support/caseApi.js';
import { institution, registrationBody } from '../support/fixtures.js';
import type { TestEnv } from '../support/testEnv.js';

/** Registers, assesses and proposes a case through the API: several events on its chain. */
export async function caseWithEvents(env: TestEnv): Promise<string> {
  const api = caseApi(env);
  const inst = institution();
  const { caseId } = await api.register(inst, registrationBody());
  await api.assess(inst, caseId, independentAssessment);
  await api.propose(inst, caseId, { pathway: 'social_placement' });
  return caseId as string;
}

/** What an owner who disables the triggers can do; the triggers are back on when it commits. */
export async function tamper(env: TestEnv, change: (trx: Transaction<Database>) => Promise<unknown>): Promise<void> {
  await env.db.transaction().execute(async (trx) => {
    await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(trx);
    await change(trx);
    await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(trx);
  });
}

/** The chain's hashes recomputed from `fromSeq` on, as an attacker who knows the scheme would. */
export async function rehash(trx: Transaction<Database>, chainId: string, fromSeq: number): Promise<void> {
  const rows = await trx
    .selectFrom('audit_events')
    .selectAll()
    .where('chain_id', '=', chainId)
    .orderBy('seq')
    .execute();
  let prev = rows.find((r) => r.seq === fromSeq - 1)?.hash ?? '0'.repeat(64);
  for (const r of rows.filter((x) => x.seq >= fromSeq)) {
    const hash = hashEvent(storedHashFields(chainId, r, { prevHash: prev }));
    await trx
      .updateTable('audit_events')
      .set({ prev_hash: prev, hash })
      .where('chain_id', '=', chainId)
      .where('seq', '=', r.seq)
      .execute();
    prev = hash;
  }
  await trx.updateTable('audit_heads').set({ hash: prev }).where('chain_id', '=', chainId).execute();
}
