// Accounts: making one, what a signed-in person sees of their own, changing one's password, and
// disabling. Every way of making an account comes through createAccount (the first start, the
// administrator's routes, an identity provider's first sign-in), so the username rule, the
// password policy and the audit event are the same for all.
import { randomInt } from 'node:crypto';
import { claimAttempt, clearFailures } from '../../db/repositories/signInFailures.js';
import { createUser, findUserById, setPassword, setUserDisabled } from '../../db/repositories/users.js';
import type { Db } from '../../db/database.js';
import type { UserRow } from '../../db/schema.js';
import type { Principal } from '../../domain/access.js';
import { principalProblem } from '../../domain/principalRules.js';
import { divisionExists } from '../../db/repositories/divisions.js';
import { PASSWORD_RULES, passwordProblems } from '../../domain/passwordPolicy.js';
import { DomainError, conflict, validationFailed } from '../errors.js';
import { USERNAME_PATTERN, USERNAME_RULE, type Me } from '../schemas/auth.js';
import { recordAccess } from './accessAudit.js';
import { checkPassword, hashPassword } from './passwords.js';
import { type LiveSession, endSessionsOfUser } from './sessions.js';
import { type SignInSettings, recordFailure, usernameKey } from './signIn.js';

export interface AccountInput {
  username: string;
  displayName: string;
  role: UserRow['role'];
  org: string;
  division: string;
  email?: string | null;
  /** The identity provider's account this one is (issuer and subject), for accounts an OIDC sign-in makes. */
  oidc?: { issuer: string; subject: string } | null;
}

/** How the new account proves who it is. */
export type InitialPassword =
  | { password: string; mustChange: boolean }
  /** A generated password shown once, to be changed at the first sign-in. */
  | 'one-time'
  /** No password: the account signs in through the identity provider only. */
  | 'none';

// Without look-alikes (0/O, 1/l/I), so that a password read off a screen is typed right.
const ONE_TIME_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** Four groups of four (about 93 bits), e.g. `Hq7m-x2Kd-9PaT-wc4N`, meeting the password policy. */
export function generateOneTimePassword(username: string): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () =>
      Array.from({ length: 4 }, () => ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)]).join(''),
    );
    const candidate = groups.join('-');
    if (passwordProblems(candidate, username).length === 0) return candidate;
  }
}

/** The new password's problems as one VALIDATION_FAILED naming the field. */
export function checkNewPassword(field: string, password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0)
    throw validationFailed(`${field}: ${problems.join('; ')} (the rule: ${PASSWORD_RULES})`, {
      field,
      rules: problems,
    });
}

/**
 * The account's role, org and division make a principal a bearer token could also carry
 * (domain/principalRules.ts), and the division exists: else VALIDATION_FAILED naming the field.
 */
export async function checkPrincipalOf(db: Db, p: Pick<AccountInput, 'role' | 'org' | 'division'>): Promise<void> {
  const problem = principalProblem(p);
  if (problem) throw validationFailed(`${problem.field}: ${problem.message}`, { field: problem.field });
  if (!(await divisionExists(db, p.division)))
    throw validationFailed(`division: ${p.division} is not a division of Inner Mongolia`, { field: 'division' });
}

export async function createAccount(
  db: Db,
  input: AccountInput,
  initial: InitialPassword,
  by: Principal,
): Promise<{ user: UserRow; oneTimePassword: string | null }> {
  if (!new RegExp(USERNAME_PATTERN).test(input.username))
    throw validationFailed(`username: ${USERNAME_RULE}`, { field: 'username' });
  await checkPrincipalOf(db, input);

  let oneTimePassword: string | null = null;
  let password: string | null = null;
  let mustChangePassword = false;
  if (initial === 'one-time') {
    oneTimePassword = password = generateOneTimePassword(input.username);
    mustChangePassword = true;
  } else if (initial !== 'none') {
    checkNewPassword('password', initial.password, input.username);
    password = initial.password;
    mustChangePassword = initial.mustChange;
  }
  const passwordHash = password === null ? null : await hashPassword(password);
  const user = await db.transaction().execute(async (trx) => {
    const created = await createUser(trx, {
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      org: input.org,
      division: input.division,
      email: input.email ?? null,
      oidc: input.oidc ?? null,
      passwordHash,
      mustChangePassword,
      createdBy: by,
    });
    if (!created) return null;
    await recordAccess(trx, 'access.user_created', by, {
      userId: created.user_id,
      role: created.role,
      org: created.org,
      division: created.division_code,
      password: initial === 'none' ? 'none' : initial === 'one-time' ? 'one-time' : 'set',
      ...(input.oidc ? { identityProvider: input.oidc.issuer } : {}),
    });
    return created;
  });
  if (!user)
    throw conflict(`username: ${input.username} is taken (usernames are compared without case)`, { field: 'username' });
  return { user, oneTimePassword };
}

/** What GET /v1/me and the sign-in answer say of the caller. */
export function meOfUser(
  user: Pick<
    UserRow,
    'user_id' | 'username' | 'display_name' | 'role' | 'org' | 'division_code' | 'must_change_password'
  >,
): Me {
  return {
    userId: user.user_id,
    username: user.username,
    displayName: user.display_name,
    role: user.role,
    org: user.org,
    division: user.division_code,
    mustChangePassword: user.must_change_password,
    authentication: 'session',
  };
}

/** A bearer token names no account: its claims are the caller. */
export function meOfToken(p: Principal): Me {
  return {
    userId: p.sub,
    username: null,
    displayName: null,
    role: p.role,
    org: p.org,
    division: p.division,
    mustChangePassword: false,
    authentication: 'bearer',
  };
}

export type PasswordChange =
  { outcome: 'changed' } | { outcome: 'wrong_password' } | { outcome: 'locked'; retryAfterSeconds: number };

/**
 * The signed-in user's new password. The current one must be given, and wrong ones count towards
 * the username's lockout as failed sign-ins do: a borrowed session cannot be used to guess it.
 * The user's other sessions end; this one goes on.
 */
export async function changePassword(
  db: Db,
  session: LiveSession,
  body: { currentPassword: string; newPassword: string },
  address: string | null,
  settings: Pick<SignInSettings, 'lockout'>,
): Promise<PasswordChange> {
  const username = session.user.username;
  checkNewPassword('newPassword', body.newPassword, username);
  if (body.newPassword === body.currentPassword)
    throw validationFailed('newPassword: must differ from the current password', { field: 'newPassword' });

  const key = usernameKey(username);
  const claim = await db.transaction().execute((trx) => claimAttempt(trx, key, address, settings.lockout));
  if (claim.locked) return { outcome: 'locked', retryAfterSeconds: claim.retryAfterSeconds };
  const user = await findUserById(db, session.user.user_id);
  if (!user || !(await checkPassword(user.password_hash, body.currentPassword))) {
    await recordFailure(
      db,
      { userId: session.user.user_id, reason: 'wrong_password', address, during: 'password_change' },
      claim.failures,
      settings,
      session.principal,
    );
    return { outcome: 'wrong_password' };
  }
  await clearFailures(db, key);
  const passwordHash = await hashPassword(body.newPassword);
  await db.transaction().execute(async (trx) => {
    await setPassword(trx, user.user_id, { passwordHash, mustChangePassword: false, by: session.principal });
    const ended = await endSessionsOfUser(trx, user.user_id, 'password_changed', session.principal, session.sessionId);
    await recordAccess(trx, 'access.password_changed', session.principal, {
      userId: user.user_id,
      sessionId: session.sessionId,
      otherSessionsEnded: ended,
    });
  });
  return { outcome: 'changed' };
}

/** Disables the account and ends its sessions at once; false when it was disabled already. */
export async function disableUser(db: Db, userId: string, by: Principal): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    if (!(await setUserDisabled(trx, userId, true, by))) return false;
    const ended = await endSessionsOfUser(trx, userId, 'user_disabled', by);
    await recordAccess(trx, 'access.user_disabled', by, { userId, sessionsEnded: ended });
    return true;
  });
}

/** The error of a wrong current password: the session stays, the field is named. */
export const wrongCurrentPassword = () =>
  new DomainError('FORBIDDEN', "currentPassword: is not this account's password", { field: 'currentPassword' });
