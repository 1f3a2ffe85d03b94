// People's accounts. Plain data in and out: the rules (username charset, password policy, who may
// create whom) and the password hashing live in api/services/accounts.ts, which every way of
// making an account goes through (the first start, the admin's routes, an identity provider).
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Principal } from '../../domain/access.js';
import type { Db } from '../database.js';
import type { UserRow, UsersTable } from '../schema.js';

export interface NewUser {
  username: string;
  displayName: string;
  role: UsersTable['role'];
  org: string;
  division: string;
  email?: string | null;
  /** argon2id PHC string (api/services/passwords.ts); null: signs in only through the identity provider. */
  passwordHash: string | null;
  mustChangePassword: boolean;
  /** The identity provider's account this user is, for accounts made or linked by OIDC. */
  oidc?: { issuer: string; subject: string } | null;
  createdBy: Principal;
}

/** The new user, or null when the username is taken (whatever its case). */
export async function createUser(db: Db, u: NewUser): Promise<UserRow | null> {
  const row = await db
    .insertInto('users')
    .values({
      user_id: randomUUID(),
      username: u.username,
      display_name: u.displayName,
      role: u.role,
      org: u.org,
      division_code: u.division,
      email: u.email ?? null,
      must_change_password: u.mustChangePassword,
      password_hash: u.passwordHash,
      password_changed_at: u.passwordHash ? new Date() : null,
      oidc_issuer: u.oidc?.issuer ?? null,
      oidc_subject: u.oidc?.subject ?? null,
      created_by: JSON.stringify(u.createdBy),
      updated_by: JSON.stringify(u.createdBy),
    })
    .onConflict((oc) => oc.expression(sql`lower(username)`).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row ?? null;
}

/** The user of that username, whatever its case. */
export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function findUserById(db: Db, userId: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function anyUserExists(db: Db): Promise<boolean> {
  return (await db.selectFrom('users').select('user_id').limit(1).executeTakeFirst()) !== undefined;
}

/** A new password chosen by the user or set by an administrator (then usually to be changed). */
export async function setPassword(
  db: Db,
  userId: string,
  change: { passwordHash: string; mustChangePassword: boolean; by: Principal },
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      password_hash: change.passwordHash,
      must_change_password: change.mustChangePassword,
      password_changed_at: sql<Date>`now()`,
      updated_at: sql<Date>`now()`,
      updated_by: JSON.stringify(change.by),
    })
    .where('user_id', '=', userId)
    .execute();
}

/**
 * The same password under the current hash parameters, after a sign-in proved it. Only if the
 * hash is still the one that was verified: a password changed meanwhile is left alone.
 */
export async function upgradePasswordHash(
  db: Db,
  userId: string,
  verifiedHash: string,
  newHash: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: newHash })
    .where('user_id', '=', userId)
    .where('password_hash', '=', verifiedHash)
    .execute();
}

/** Disables or enables the account; true when it changed. Sessions are ended by the caller. */
export async function setUserDisabled(db: Db, userId: string, disabled: boolean, by: Principal): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ disabled, updated_at: sql<Date>`now()`, updated_by: JSON.stringify(by) })
    .where('user_id', '=', userId)
    .where('disabled', '=', !disabled)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function recordSignIn(db: Db, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ last_sign_in_at: sql<Date>`now()` })
    .where('user_id', '=', userId)
    .execute();
}

/** The user, locked until the transaction ends, so that a check and the change it allows see one row. */
export async function findUserForUpdate(db: Db, userId: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('user_id', '=', userId).forUpdate().executeTakeFirst();
}

export interface UserChanges {
  displayName?: string;
  role?: UsersTable['role'];
  org?: string;
  division?: string;
  email?: string | null;
}

/** Changes the account's profile and jurisdiction (not its password, not whether it is disabled). */
export async function updateUserFields(db: Db, userId: string, changes: UserChanges, by: Principal): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.org !== undefined ? { org: changes.org } : {}),
      ...(changes.division !== undefined ? { division_code: changes.division } : {}),
      ...(changes.email !== undefined ? { email: changes.email } : {}),
      updated_at: sql<Date>`now()`,
      updated_by: JSON.stringify(by),
    })
    .where('user_id', '=', userId)
    .execute();
}

export interface UserFilter {
  /** The inclusive range of division codes listed (a jurisdiction: api/services/jurisdiction.ts divisionRange). */
  divisions: [string, string];
  role?: UsersTable['role'];
  org?: string;
  disabled?: boolean;
  /** Strictly after this (created_at as exact UTC text, user_id). */
  after?: { at: string; id: string };
  limit: number;
}

/** Users in creation order, each with its created_at as exact text for a cursor. */
export async function listUsers(db: Db, f: UserFilter): Promise<Array<UserRow & { position: string }>> {
  let query = db
    .selectFrom('users')
    .selectAll()
    .select(sql<string>`to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('position'))
    .where('division_code', '>=', f.divisions[0])
    .where('division_code', '<=', f.divisions[1]);
  if (f.role !== undefined) query = query.where('role', '=', f.role);
  if (f.org !== undefined) query = query.where('org', '=', f.org);
  if (f.disabled !== undefined) query = query.where('disabled', '=', f.disabled);
  if (f.after)
    query = query.where(sql<boolean>`(created_at, user_id) > (${f.after.at}::timestamptz, ${f.after.id}::uuid)`);
  return query.orderBy('created_at').orderBy('user_id').limit(f.limit).execute();
}

/** The account an identity provider's subject signed in as before, if any. */
export async function findUserByOidcIdentity(db: Db, issuer: string, subject: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('oidc_issuer', '=', issuer)
    .where('oidc_subject', '=', subject)
    .executeTakeFirst();
}
