// The administrator's work on accounts (GET/POST /v1/users, PATCH /v1/users/{userId}, the password
// reset). An administrator acts only within its own division: it sees and changes the accounts of
// its division and below, and never makes or moves an account to a division outside it, so no
// account it makes or changes (an administrator included) reaches above its own jurisdiction.
// An account outside its division answers 404, as a case outside one's jurisdiction does; a
// division outside it in a body answers 403. Every change is an event on the `access` chain that
// names the account and what changed, never a password, a hash or an e-mail address.
import { clearFailures } from '../../db/repositories/signInFailures.js';
import {
  findUserForUpdate,
  listUsers as listUserRows,
  setPassword,
  setUserDisabled,
  updateUserFields,
  type UserChanges,
} from '../../db/repositories/users.js';
import type { Db } from '../../db/database.js';
import type { UserRow } from '../../db/schema.js';
import type { Principal } from '../../domain/access.js';
import { divisionCovers } from '../../domain/divisions.js';
import { DomainError, conflict, notFound, validationFailed } from '../errors.js';
import type { CreateUserBody, UpdateUserBody, User, UserListQuery } from '../schemas/users.js';
import { recordAccess } from './accessAudit.js';
import { checkPrincipalOf, createAccount, generateOneTimePassword } from './accounts.js';
import { divisionRange, divisionWithin } from './jurisdiction.js';
import { decodeCursor, encodeCursor } from './keyset.js';
import { hashPassword } from './passwords.js';
import { endSessionsOfUser } from './sessions.js';
import { usernameKey } from './signIn.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const iso = (t: Date | string) => new Date(t).toISOString();

export function userView(u: UserRow): User {
  return {
    userId: u.user_id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    org: u.org,
    division: u.division_code,
    email: u.email,
    disabled: u.disabled,
    mustChangePassword: u.must_change_password,
    signIn: u.password_hash === null && u.oidc_issuer !== null ? 'identity_provider' : 'password',
    lastSignInAt: u.last_sign_in_at === null ? null : iso(u.last_sign_in_at),
    createdAt: iso(u.created_at),
    updatedAt: iso(u.updated_at),
  };
}

/** 403 unless the division lies within the administrator's own. */
function withinAdmin(admin: Principal, division: string): void {
  if (!divisionCovers(admin.division, division))
    throw new DomainError(
      'FORBIDDEN',
      `division: ${division} is outside your jurisdiction ${admin.division}; an administrator makes and moves accounts only within its own division`,
      { field: 'division' },
    );
}

/** The account, locked for the change, or 404 when it is not within the administrator's division. */
async function reachableUser(db: Db, admin: Principal, userId: string): Promise<UserRow> {
  const user = await findUserForUpdate(db, userId);
  if (!user || !divisionCovers(admin.division, user.division_code)) throw notFound('user');
  return user;
}

export async function listUsers(
  db: Db,
  admin: Principal,
  q: UserListQuery,
): Promise<{ items: User[]; nextCursor: string | null }> {
  const division = await divisionWithin(db, admin, q.division);
  let after: { at: string; id: string } | undefined;
  if (q.cursor) {
    after = decodeCursor(q.cursor);
    if (!UUID.test(after.id))
      throw validationFailed(
        'cursor: not a cursor this API gave out (pass nextCursor from the previous page unchanged)',
      );
  }
  const rows = await listUserRows(db, {
    divisions: divisionRange(division),
    ...(q.role !== undefined ? { role: q.role } : {}),
    ...(q.org !== undefined ? { org: q.org } : {}),
    ...(q.disabled !== undefined ? { disabled: q.disabled } : {}),
    ...(after ? { after } : {}),
    limit: q.limit + 1,
  });
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(userView),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.position, id: last.user_id }) : null,
  };
}

/** A new account with a one-time password, to be changed at its first sign-in. */
export async function createUserByAdmin(
  db: Db,
  admin: Principal,
  body: CreateUserBody,
): Promise<User & { oneTimePassword: string }> {
  withinAdmin(admin, body.division);
  const { user, oneTimePassword } = await createAccount(
    db,
    {
      username: body.username,
      displayName: body.displayName,
      role: body.role,
      org: body.org,
      division: body.division,
      email: body.email ?? null,
    },
    'one-time',
    admin,
  );
  return { ...userView(user), oneTimePassword: oneTimePassword! };
}

/**
 * Changes the account. Role, org and division are checked together as the account will be
 * (the same rule as a bearer token's claims); disabling ends its sessions at once, and every
 * request of the account is answered as its new self from the next one on, since a session's
 * principal is read afresh each time.
 */
export async function updateUserByAdmin(db: Db, admin: Principal, userId: string, body: UpdateUserBody): Promise<User> {
  return db.transaction().execute(async (trx) => {
    const before = await reachableUser(trx, admin, userId);
    const after = {
      role: body.role ?? before.role,
      org: body.org ?? before.org,
      division: body.division ?? before.division_code,
    };
    if (body.division !== undefined) withinAdmin(admin, body.division);
    if (before.user_id === admin.sub) {
      if (body.disabled === true)
        throw new DomainError('FORBIDDEN', 'an administrator cannot disable its own account', { field: 'disabled' });
      if (after.role !== before.role || after.division !== before.division_code)
        throw new DomainError('FORBIDDEN', 'an administrator cannot change its own role or division', {
          field: body.role !== undefined ? 'role' : 'division',
        });
    }
    await checkPrincipalOf(trx, after);

    const changes: UserChanges = {};
    const changed: Record<string, unknown> = {};
    if (body.displayName !== undefined && body.displayName !== before.display_name) {
      changes.displayName = body.displayName;
      changed.displayName = true;
    }
    if (body.email !== undefined && body.email !== before.email) {
      changes.email = body.email;
      changed.email = true;
    }
    if (after.role !== before.role) {
      changes.role = after.role;
      changed.role = { from: before.role, to: after.role };
    }
    if (after.org !== before.org) {
      changes.org = after.org;
      changed.org = { from: before.org, to: after.org };
    }
    if (after.division !== before.division_code) {
      changes.division = after.division;
      changed.division = { from: before.division_code, to: after.division };
    }
    if (Object.keys(changes).length > 0) {
      await updateUserFields(trx, userId, changes, admin);
      await recordAccess(trx, 'access.user_updated', admin, { userId, changed });
    }
    if (body.disabled !== undefined && body.disabled !== before.disabled) {
      await setUserDisabled(trx, userId, body.disabled, admin);
      if (body.disabled) {
        const ended = await endSessionsOfUser(trx, userId, 'user_disabled', admin);
        await recordAccess(trx, 'access.user_disabled', admin, { userId, sessionsEnded: ended });
      } else {
        await recordAccess(trx, 'access.user_enabled', admin, { userId });
      }
    }
    return userView((await findUserForUpdate(trx, userId))!);
  });
}

/**
 * A new one-time password for the account: its sessions end, its lockout is lifted, and its next
 * sign-in must change the password. An account of the identity provider has no password to reset.
 */
export async function resetPasswordByAdmin(
  db: Db,
  admin: Principal,
  userId: string,
): Promise<{ userId: string; oneTimePassword: string }> {
  const target = await db.transaction().execute((trx) => reachableUser(trx, admin, userId));
  if (target.password_hash === null && target.oidc_issuer !== null)
    throw conflict('this account signs in through the identity provider and has no password to reset', {
      field: 'userId',
    });
  const oneTimePassword = generateOneTimePassword(target.username);
  // Hashed outside the transaction: argon2id takes tens of milliseconds and needs no lock.
  const passwordHash = await hashPassword(oneTimePassword);
  await db.transaction().execute(async (trx) => {
    await reachableUser(trx, admin, userId);
    await setPassword(trx, userId, { passwordHash, mustChangePassword: true, by: admin });
    const ended = await endSessionsOfUser(trx, userId, 'password_reset', admin);
    await clearFailures(trx, usernameKey(target.username));
    await recordAccess(trx, 'access.password_reset', admin, { userId, sessionsEnded: ended });
  });
  return { userId, oneTimePassword };
}
