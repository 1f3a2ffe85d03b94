// Recent failed sign-ins per username, in PostgreSQL so that every API instance counts the same
// ones. An attempt is claimed as a failure before its password is checked, under a lock on its
// username: a burst of parallel guesses gets no more than the allowed number checked, and a
// success then clears the claim with the rest.
import { sql } from 'kysely';
import type { Db, Trx } from '../database.js';

export interface LockoutRule {
  /** Failures within the window that lock the username. */
  maxFailures: number;
  /** The window, and how long the lock lasts after the last failure. */
  windowSeconds: number;
}

export type AttemptClaim =
  | { locked: true; retryAfterSeconds: number }
  | { locked: false; /** failures in the window, this attempt included */ failures: number };

/**
 * Counts this attempt as a failure unless the username is locked. Takes a transaction: the
 * advisory lock it holds on the username until commit is what makes the count and the claim one
 * step for concurrent attempts.
 */
export async function claimAttempt(
  trx: Trx,
  usernameKey: string,
  address: string | null,
  rule: LockoutRule,
): Promise<AttemptClaim> {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`sign-in:${usernameKey}`}, 0))`.execute(trx);
  const { rows } = await sql<{ failures: number; retry_after: number | null }>`
    SELECT count(*)::int AS failures,
           ceil(extract(epoch FROM max(failed_at) + make_interval(secs => ${rule.windowSeconds}) - now()))::int AS retry_after
    FROM sign_in_failures
    WHERE username_key = ${usernameKey} AND failed_at > now() - make_interval(secs => ${rule.windowSeconds})`.execute(
    trx,
  );
  const { failures, retry_after } = rows[0] ?? { failures: 0, retry_after: null };
  if (failures >= rule.maxFailures) return { locked: true, retryAfterSeconds: Math.max(1, retry_after ?? 1) };
  await trx
    .insertInto('sign_in_failures')
    .values({ username_key: usernameKey, address, failed_at: sql<Date>`now()` })
    .execute();
  return { locked: false, failures: failures + 1 };
}

/** A successful sign-in forgets the username's failures, the claim of that attempt included. */
export async function clearFailures(db: Db, usernameKey: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('username_key', '=', usernameKey).execute();
}

/**
 * Drops failures older than the window, a bounded batch at a time; rows another transaction is
 * deleting are skipped rather than waited for.
 */
export async function purgeOldFailures(db: Db, windowSeconds: number): Promise<void> {
  await sql`
    DELETE FROM sign_in_failures WHERE ctid IN (
      SELECT ctid FROM sign_in_failures
      WHERE failed_at < now() - make_interval(secs => ${windowSeconds})
      LIMIT 500 FOR UPDATE SKIP LOCKED)`.execute(db);
}
