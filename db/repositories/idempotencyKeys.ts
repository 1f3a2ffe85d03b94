// The API's Idempotency-Key claims: per caller and key, the first request's method, path and body
// hash, and once it has answered, the answer. Claiming is one statement that exactly one of any
// number of racing requests wins, so two retries of a request never both run.
import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { IdempotencyKeysTable } from '../schema.js';
import type { Selectable } from 'kysely';

export interface KeyClaim {
  principal: string;
  key: string;
  method: string;
  path: string;
  bodyHash: string;
}

/** How long a claim may go unanswered, and how long a key is remembered, as SQL intervals. */
export interface ClaimAges {
  abandonedAfter: string;
  rememberedFor: string;
}

/**
 * Claims the key for this request: a new key, a claim abandoned mid-request, or a key past its
 * memory. True when this request won the claim and must answer it.
 */
export async function claimKey(db: Db, claim: KeyClaim, ages: ClaimAges): Promise<boolean> {
  const values = {
    principal: claim.principal,
    key: claim.key,
    method: claim.method,
    path: claim.path,
    body_hash: claim.bodyHash,
  };
  const fresh = await db
    .insertInto('idempotency_keys')
    .values(values)
    .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (fresh) return true;
  // Take over a claim abandoned mid-request or a key past its memory; one taker wins.
  const takenOver = await db
    .updateTable('idempotency_keys')
    .set({ ...values, status_code: null, response: null, created_at: sql<Date>`now()` })
    .where('principal', '=', claim.principal)
    .where('key', '=', claim.key)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('status_code', 'is', null),
          eb('created_at', '<', sql<Date>`now() - ${ages.abandonedAfter}::interval`),
        ]),
        eb('created_at', '<', sql<Date>`now() - ${ages.rememberedFor}::interval`),
      ]),
    )
    .returning('key')
    .executeTakeFirst();
  return takenOver !== undefined;
}

/** The claim as another request left it (answered or still running). */
export async function findClaim(
  db: Db,
  principal: string,
  key: string,
): Promise<Selectable<IdempotencyKeysTable> | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('principal', '=', principal)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Keeps the answer for replays (with the body's hash, known only now for a streamed body). */
export async function keepAnswer(
  db: Db,
  principal: string,
  key: string,
  answer: { bodyHash: string; statusCode: number; response: string },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ body_hash: answer.bodyHash, status_code: answer.statusCode, response: answer.response })
    .where('principal', '=', principal)
    .where('key', '=', key)
    .execute();
}

/** Gives the key up for a retry: the request's answer is not one to replay. */
export async function releaseClaim(db: Db, principal: string, key: string): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('principal', '=', principal)
    .where('key', '=', key)
    .where('status_code', 'is', null)
    .execute();
}
