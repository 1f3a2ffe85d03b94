// Sessions of people signed in through the browser. The cookie holds a random 256-bit secret; the
// database keeps only its SHA-256, so neither a copy of the sessions table nor a log line can be
// replayed as a session. Each sign-in makes a new secret (a cookie presented at sign-in is never
// kept, so nobody can plant a session id on a victim beforehand), and a session ends when it is
// unused for the idle timeout, at its absolute end, at sign-out, when its user changes the password
// (the others) or is disabled.
//
// Writes carried by the cookie must also send the session's CSRF token in `x-csrf-token`. The
// token is derived from the session's secret (HMAC-SHA256 of a fixed label, keyed by the secret),
// so it is stored nowhere, differs for every session, and cannot be computed without the cookie
// that JavaScript on another site can neither read nor choose.
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  type SessionWithUser,
  deleteLapsedSessionsOfUser,
  deleteSession,
  deleteSessionsOfUser,
  findLiveSession,
  insertSession,
} from '../../db/repositories/sessions.js';
import { recordSignIn } from '../../db/repositories/users.js';
import type { Db } from '../../db/database.js';
import type { SessionsTable, UserRow } from '../../db/schema.js';
import { type Principal, SYSTEM_PRINCIPAL } from '../../domain/access.js';
import { recordAccess } from './accessAudit.js';

export const SESSION_COOKIE = 'session';

export interface SessionSettings {
  /** A session unused for this long ends (API.md: 30 minutes). */
  idleTimeoutSeconds: number;
  /** A session ends this long after sign-in, used or not (API.md: 12 hours). */
  absoluteTimeoutSeconds: number;
}

export const DEFAULT_SESSION_SETTINGS: SessionSettings = {
  idleTimeoutSeconds: 30 * 60,
  absoluteTimeoutSeconds: 12 * 3600,
};

/** Why a session ended, as the `access.session_ended` event records it. */
export type SessionEnd =
  'idle' | 'absolute' | 'user_disabled' | 'password_changed' | 'password_reset' | 'replaced_at_sign_in';

type SessionUser = Pick<UserRow, 'user_id' | 'role' | 'org' | 'division_code'>;

export function principalOf(user: SessionUser): Principal {
  return { sub: user.user_id, role: user.role, org: user.org, division: user.division_code };
}

const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;

function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function csrfTokenFor(secret: string): string {
  return createHmac('sha256', Buffer.from(secret, 'base64url')).update('x-csrf-token').digest('base64url');
}

/** Whether the header carries this session's CSRF token, compared in constant time. */
export function csrfMatches(secret: string, presented: string | undefined): boolean {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(secret));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface StartedSession {
  sessionId: string;
  /** The cookie's value: handed to the browser once, never stored or logged. */
  secret: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * Signs the user in: a new session with a new secret, recorded on the access chain with how the
 * user proved who they are. Every way of signing in ends here (the password, and later an identity
 * provider's callback); the caller sets the cookie with `setSessionCookie`.
 */
export async function startSession(
  db: Db,
  user: SessionUser,
  how: { method: SessionsTable['method']; address: string | null; settings: SessionSettings },
): Promise<StartedSession> {
  const secret = randomBytes(32).toString('base64url');
  const sessionId = randomUUID();
  const { expiresAt } = await db.transaction().execute(async (trx) => {
    // The user's sessions that lapsed unseen are cleared here, so the table holds live ones only.
    for (const lapsed of await deleteLapsedSessionsOfUser(trx, user.user_id, how.settings.idleTimeoutSeconds))
      await recordAccess(trx, 'access.session_ended', SYSTEM_PRINCIPAL, {
        userId: user.user_id,
        sessionId: lapsed.sessionId,
        reason: lapsed.reason,
      });
    const inserted = await insertSession(trx, {
      sessionId,
      tokenHash: hashOf(secret),
      userId: user.user_id,
      method: how.method,
      absoluteTimeoutSeconds: how.settings.absoluteTimeoutSeconds,
      address: how.address,
    });
    await recordSignIn(trx, user.user_id);
    await recordAccess(trx, 'access.signed_in', principalOf(user), {
      userId: user.user_id,
      sessionId,
      method: how.method,
      address: how.address,
    });
    return inserted;
  });
  return { sessionId, secret, csrfToken: csrfTokenFor(secret), expiresAt };
}

export interface LiveSession {
  sessionId: string;
  secret: string;
  expiresAt: Date;
  user: SessionWithUser['user'];
  principal: Principal;
}

export type SessionLookup = { live: LiveSession } | { ended: 'unknown' | 'idle' | 'absolute' | 'user_disabled' };

/**
 * The live session of a cookie's secret. A session found over (idle, past its end, its user
 * disabled) is ended on the spot and the end recorded once, whichever request noticed it first.
 */
export async function lookUpSession(db: Db, secret: string, settings: SessionSettings): Promise<SessionLookup> {
  if (!SECRET_SHAPE.test(secret)) return { ended: 'unknown' };
  const found = await findLiveSession(db, hashOf(secret), settings.idleTimeoutSeconds);
  if (!found) return { ended: 'unknown' };
  const reason = found.user.disabled ? 'user_disabled' : found.expired ? 'absolute' : found.idle ? 'idle' : null;
  if (reason) {
    if (await deleteSession(db, found.sessionId))
      await recordAccess(db, 'access.session_ended', SYSTEM_PRINCIPAL, {
        userId: found.user.user_id,
        sessionId: found.sessionId,
        reason,
      });
    return { ended: reason };
  }
  return {
    live: {
      sessionId: found.sessionId,
      secret,
      expiresAt: found.expiresAt,
      user: found.user,
      principal: principalOf(found.user),
    },
  };
}

/** Sign-out: this session ends now. */
export async function signOut(db: Db, session: LiveSession): Promise<void> {
  if (await deleteSession(db, session.sessionId))
    await recordAccess(db, 'access.signed_out', session.principal, {
      userId: session.user.user_id,
      sessionId: session.sessionId,
    });
}

/** Ends the user's sessions (but `keep`), each recorded with why; returns how many ended. */
export async function endSessionsOfUser(
  db: Db,
  userId: string,
  reason: SessionEnd,
  by: Principal,
  keep: string | null = null,
): Promise<number> {
  const ended = await deleteSessionsOfUser(db, userId, keep);
  for (const sessionId of ended) await recordAccess(db, 'access.session_ended', by, { userId, sessionId, reason });
  return ended.length;
}

/** Ends the session whose cookie was presented at a new sign-in, whoever's it was. */
export async function endPresentedSession(db: Db, secret: string, settings: SessionSettings) {
  const found = await lookUpSession(db, secret, settings);
  if ('live' in found && (await deleteSession(db, found.live.sessionId)))
    await recordAccess(db, 'access.session_ended', SYSTEM_PRINCIPAL, {
      userId: found.live.user.user_id,
      sessionId: found.live.sessionId,
      reason: 'replaced_at_sign_in' satisfies SessionEnd,
    });
}

/**
 * The cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it),
 * Path=/, and Secure when the request came over HTTPS (behind a proxy: as its X-Forwarded-Proto
 * says, when the proxy is trusted, see TRUST_PROXY). No Max-Age: the browser forgets it when it
 * closes, and the server ends it at its timeouts in any case.
 */
export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, secret: string): void {
  reply.setCookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: request.protocol === 'https',
  });
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest): void {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: request.protocol === 'https',
  });
}
