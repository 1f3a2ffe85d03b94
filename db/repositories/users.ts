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
