// The first start: on a database with no user accounts, an administrator to sign in with, so that
// nobody has to write to the database by hand. `admin`, role admin over the whole region (150000),
// org `system`:
// - with INITIAL_ADMIN_PASSWORD when it is set (checked against the password policy; it is read
//   only while there are no users, so remove it from the environment afterwards);
// - otherwise, under `npm start`, with a generated one-time password printed here once, to be
//   changed at the first sign-in;
// - otherwise (`npm run start:api`, production) nobody: a generated password would end up in the
//   service's log, so the API starts without accounts (bearer tokens still work) and says how to
//   create the administrator.
import type { Db } from '../../db/database.js';
import { anyUserExists } from '../../db/repositories/users.js';
import { DomainError } from '../../api/errors.js';
import { SYSTEM_PRINCIPAL } from '../../domain/access.js';
import { createAccount } from '../../api/services/accounts.js';
import type { Config } from './config.js';

export const FIRST_ADMIN = {
  username: 'admin',
  displayName: '系统管理员',
  role: 'admin',
  org: 'system',
  division: '150000',
} as const;

/**
 * Creates the first administrator if there are no users. `apiUrl`: the launcher's API address, to
 * print how to sign in; null for the production server, which never generates a password.
 */
export async function ensureFirstAdmin(db: Db, config: Config, apiUrl: string | null): Promise<void> {
  if (await anyUserExists(db)) return;
  const given = config.accounts.initialAdminPassword;
  if (!given && apiUrl === null) {
    console.error(
      'no user accounts yet and INITIAL_ADMIN_PASSWORD is not set: nobody can sign in with a password. ' +
        'Set INITIAL_ADMIN_PASSWORD and restart to create the administrator `admin` (README, "Sign in").',
    );
    return;
  }
  let created: Awaited<ReturnType<typeof createAccount>>;
  try {
    created = await createAccount(
      db,
      FIRST_ADMIN,
      given ? { password: given, mustChange: false } : 'one-time',
      SYSTEM_PRINCIPAL,
    );
  } catch (err) {
    // Another process on the same database created it a moment ago.
    if (err instanceof DomainError && err.code === 'CONFLICT') return;
    if (err instanceof DomainError && err.code === 'VALIDATION_FAILED')
      throw new Error(`INITIAL_ADMIN_PASSWORD ${err.message.replace(/^password: /, '')}`, { cause: err });
    throw err;
  }
  if (apiUrl === null) {
    console.log('created the administrator `admin` with INITIAL_ADMIN_PASSWORD');
    return;
  }
  console.log(signInHelp(apiUrl, created.oneTimePassword));
}

function signInHelp(api: string, oneTimePassword: string | null): string {
  const password = oneTimePassword ?? '<INITIAL_ADMIN_PASSWORD>';
  const shown = oneTimePassword
    ? `${oneTimePassword}   (one-time: shown only now; you choose your own at the first sign-in)`
    : 'INITIAL_ADMIN_PASSWORD';
  return `
  First start: created the administrator
    username  admin
    password  ${shown}
  Sign in with curl (the cookie jar keeps the session; every write sends the CSRF token):
    CSRF=$(curl -s -c .session -H 'content-type: application/json' \\
      -d '{"username":"admin","password":"${password}"}' ${api}/auth/login | sed -E 's/.*"csrfToken":"([^"]+)".*/\\1/')${
        oneTimePassword
          ? `
    curl -s -b .session -H "x-csrf-token: $CSRF" -H 'content-type: application/json' \\
      -d '{"currentPassword":"${password}","newPassword":"<yours: 12+ characters, 3 of upper/lower/digit/symbol>"}' ${api}/auth/password`
          : ''
      }
    curl -s -b .session ${api}/v1/me
`;
}
