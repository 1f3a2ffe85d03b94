// Server-side sessions, found by the SHA-256 of their cookie's secret (api/services/sessions.ts
// makes the secret and never hands it here). Every time is the database's clock, so that API
// instances on several hosts agree on when a session ends.
import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { SessionsTable, UserRow } from '../schema.js';

export interface NewSession {
  sessionId: string;
  tokenHash: string;
  userId: string;
  method: SessionsTable['method'];
  absoluteTimeoutSeconds: number;
  address: string | null;
}

export async function insertSession(db: Db, s: NewSession): Promise<{ expiresAt: Date }> {
  const row = await db
    .insertInto('sessions')
    .values({
      session_id: s.sessionId,
      token_hash: s.tokenHash,
      user_id: s.userId,
      method: s.method,
      expires_at: sql<Date>`now() + make_interval(secs => ${s.absoluteTimeoutSeconds})`,
      address: s.address,
    })
    .returning('expires_at')
    .executeTakeFirstOrThrow();
  return { expiresAt: new Date(row.expires_at) };
}

export interface SessionWithUser {
  sessionId: string;
  expiresAt: Date;
  /** Unused for longer than the idle timeout. */
  idle: boolean;
  /** Past its absolute end. */
  expired: boolean;
  user: Pick<
    UserRow,
    'user_id' | 'username' | 'display_name' | 'role' | 'org' | 'division_code' | 'disabled' | 'must_change_password'
  >;
}

/**
 * The session and its user, read in one statement that also marks the session as used now when
 * it is still live. The mark is skipped while the last one is recent (a sixtieth of the idle
 * timeout, at most 30 s), so that a page of many requests writes once: the idle end is then
 * exact to within that margin.
 */
export async function findLiveSession(
  db: Db,
  tokenHash: string,
  idleTimeoutSeconds: number,
): Promise<SessionWithUser | null> {
  const margin = Math.min(idleTimeoutSeconds / 60, 30);
  const { rows } = await sql<{
    session_id: string;
    expires_at: Date;
    idle: boolean;
    expired: boolean;
    user_id: string;
    username: string;
    display_name: string;
    role: UserRow['role'];
    org: string;
    division_code: string;
    disabled: boolean;
    must_change_password: boolean;
  }>`
    WITH found AS (
      SELECT s.session_id, s.expires_at,
             s.last_seen_at < now() - make_interval(secs => ${idleTimeoutSeconds}) AS idle,
             s.expires_at <= now() AS expired,
             u.user_id, u.username, u.display_name, u.role, u.org, u.division_code, u.disabled, u.must_change_password
      FROM sessions s JOIN users u ON u.user_id = s.user_id
      WHERE s.token_hash = ${tokenHash}
    ), touched AS (
      UPDATE sessions SET last_seen_at = now()
      FROM found
      WHERE sessions.session_id = found.session_id
        AND NOT found.idle AND NOT found.expired AND NOT found.disabled
        AND sessions.last_seen_at < now() - make_interval(secs => ${margin})
      RETURNING 1
    )
    SELECT * FROM found`.execute(db);
  const r = rows[0];
  if (!r) return null;
  return {
    sessionId: r.session_id,
    expiresAt: new Date(r.expires_at),
    idle: r.idle,
    expired: r.expired,
    user: {
      user_id: r.user_id,
      username: r.username,
      display_name: r.display_name,
      role: r.role,
      org: r.org,
      division_code: r.division_code,
      disabled: r.disabled,
      must_change_password: r.must_change_password,
    },
  };
}

/** Ends one session; true when this call ended it (so that only one caller records the end). */
export async function deleteSession(db: Db, sessionId: string): Promise<boolean> {
  const result = await db.deleteFrom('sessions').where('session_id', '=', sessionId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Ends every session of the user but the one kept; returns the ids of those it ended. */
export async function deleteSessionsOfUser(db: Db, userId: string, keep: string | null = null): Promise<string[]> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) query = query.where('session_id', '<>', keep);
  return (await query.returning('session_id').execute()).map((r) => r.session_id);
}

/** Ends the user's sessions that are over (idle or past their end) and says why each ended. */
export async function deleteLapsedSessionsOfUser(
  db: Db,
  userId: string,
  idleTimeoutSeconds: number,
): Promise<Array<{ sessionId: string; reason: 'idle' | 'absolute' }>> {
  const { rows } = await sql<{ session_id: string; absolute: boolean }>`
    DELETE FROM sessions
    WHERE user_id = ${userId}
      AND (expires_at <= now() OR last_seen_at < now() - make_interval(secs => ${idleTimeoutSeconds}))
    RETURNING session_id, expires_at <= now() AS absolute`.execute(db);
  return rows.map((r) => ({ sessionId: r.session_id, reason: r.absolute ? 'absolute' : 'idle' }));
}
