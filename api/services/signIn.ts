// Sign-in with a username and a password, hardened against guessing:
// - One answer for a wrong password and an unknown username (the route's 401), in comparable time:
//   an unknown username, or an account without a password, is checked against a dummy hash.
// - 5 failures for a username within 15 minutes lock it until 15 minutes after the last failure,
//   whether the account exists or not (no enumeration): every attempt then answers 429 with
//   Retry-After without looking at the password, the right one included. The failures live in
//   PostgreSQL, so all API instances count them together.
// - Per client address, a rate limit on the route itself (api/routes/auth.ts).
import { createHash } from 'node:crypto';
import {
  type LockoutRule,
  claimAttempt,
  clearFailures,
  purgeOldFailures,
} from '../../db/repositories/signInFailures.js';
import { findUserByUsername, upgradePasswordHash } from '../../db/repositories/users.js';
import type { Db } from '../../db/database.js';
import type { UserRow } from '../../db/schema.js';
import { type Principal, SYSTEM_PRINCIPAL } from '../../domain/access.js';
import { recordAccess } from './accessAudit.js';
import { checkPassword, hashPassword, needsRehash } from './passwords.js';
import { type SessionSettings, type StartedSession, endPresentedSession, startSession } from './sessions.js';

export interface SignInSettings {
  sessions: SessionSettings;
  lockout: LockoutRule;
  /** Sign-in attempts per client address and window, over every username. */
  rateLimit: { max: number; timeWindow: number | string };
}

export const DEFAULT_LOCKOUT: LockoutRule = { maxFailures: 5, windowSeconds: 15 * 60 };
export const DEFAULT_SIGN_IN_RATE_LIMIT = { max: 20, timeWindow: '1 minute' } as const;

/** How failures are counted per username: the same for every case of it, and never in clear. */
export function usernameKey(username: string): string {
  return createHash('sha256').update(username.toLowerCase()).digest('hex');
}

export type SignInOutcome =
  | { outcome: 'signed_in'; user: UserRow; session: StartedSession }
  | { outcome: 'refused' }
  | { outcome: 'locked'; retryAfterSeconds: number };

export interface SignInAttempt {
  username: string;
  password: string;
  address: string | null;
  /** The session cookie the browser sent along, if any: ended, never reused. */
  presentedSecret: string | undefined;
}

export async function signInWithPassword(
  db: Db,
  attempt: SignInAttempt,
  settings: SignInSettings,
): Promise<SignInOutcome> {
  const key = usernameKey(attempt.username);
  const claim = await db.transaction().execute((trx) => claimAttempt(trx, key, attempt.address, settings.lockout));
  const user = await findUserByUsername(db, attempt.username);
  if (claim.locked) {
    await recordAccess(db, 'access.sign_in_failed', SYSTEM_PRINCIPAL, {
      userId: user?.user_id ?? null,
      reason: 'locked',
      address: attempt.address,
    });
    return { outcome: 'locked', retryAfterSeconds: claim.retryAfterSeconds };
  }

  const matches = await checkPassword(user?.password_hash ?? null, attempt.password);
  if (!user || !matches || user.disabled) {
    const reason = !user
      ? 'unknown_username'
      : user.password_hash === null
        ? 'no_password'
        : !matches
          ? 'wrong_password'
          : 'disabled';
    await recordFailure(
      db,
      { userId: user?.user_id ?? null, reason, address: attempt.address },
      claim.failures,
      settings,
    );
    return { outcome: 'refused' };
  }

  await clearFailures(db, key);
  if (attempt.presentedSecret) await endPresentedSession(db, attempt.presentedSecret, settings.sessions);
  const session = await startSession(db, user, {
    method: 'password',
    address: attempt.address,
    settings: settings.sessions,
  });
  if (user.password_hash && needsRehash(user.password_hash))
    await upgradePasswordHash(db, user.user_id, user.password_hash, await hashPassword(attempt.password));
  return { outcome: 'signed_in', user, session };
}

/**
 * A failure on the access chain, and the lockout when it is the one that locks the username. Also
 * the password change's (accounts.ts), which counts wrong current passwords the same way.
 */
export async function recordFailure(
  db: Db,
  failure: { userId: string | null; reason: string; address: string | null; during?: 'password_change' },
  failures: number,
  settings: Pick<SignInSettings, 'lockout'>,
  actor: Principal = SYSTEM_PRINCIPAL,
): Promise<void> {
  await recordAccess(db, 'access.sign_in_failed', actor, { ...failure, failures });
  if (failures >= settings.lockout.maxFailures)
    await recordAccess(db, 'access.locked_out', actor, {
      userId: failure.userId,
      address: failure.address,
      failures,
      lockedForSeconds: settings.lockout.windowSeconds,
    });
  await purgeOldFailures(db, settings.lockout.windowSeconds);
}
