// Accounts and sessions for tests: users made through the product's own createAccount, sign-ins
// through POST /auth/login, and the headers a browser would send with the session.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type AppOptions, buildApp } from '../../api/app.js';
import type { AuthOptions } from '../../api/plugins/auth.js';
import { createAccount } from '../../api/services/accounts.js';
import type { Db } from '../../db/database.js';
import type { UserRow } from '../../db/schema.js';
import { type Principal, SYSTEM_PRINCIPAL } from '../../domain/access.js';
import { TEST_JWT_SECRET, type TestEnv } from './testEnv.js';

let serial = 0;

export interface TestUser {
  user: UserRow;
  username: string;
  password: string;
  /** The user's principal: what a session of theirs acts as. */
  principal: Principal;
}

/** A user with the role, org and division of `p` (its sub is ignored: the user gets an id). */
export async function createTestUser(
  db: Db,
  p: Pick<Principal, 'role' | 'org' | 'division'>,
  options: { username?: string; password?: string; mustChange?: boolean } = {},
): Promise<TestUser> {
  const username = options.username ?? `${p.role}.${p.org}.${p.division}.${process.pid}.${serial++}`.slice(0, 64);
  const password = options.password ?? `Grassland-${serial}-Horse!`;
  const { user } = await createAccount(
    db,
    { username, displayName: `测试用户${serial}`, role: p.role, org: p.org, division: p.division },
    { password, mustChange: options.mustChange ?? false },
    SYSTEM_PRINCIPAL,
  );
  return {
    user,
    username,
    password,
    principal: { sub: user.user_id, role: user.role, org: user.org, division: user.division_code },
  };
}

export interface Session {
  /** The cookie's value. */
  secret: string;
  csrfToken: string;
  res: LightMyRequestResponse;
}

/** The session cookie a response sets, or null. */
export function sessionCookieOf(res: LightMyRequestResponse): { value: string; raw: string } | null {
  const header = res.headers['set-cookie'];
  const raw = (Array.isArray(header) ? header : header ? [header] : []).find((c) => c.startsWith('session='));
  if (!raw) return null;
  return { value: raw.slice('session='.length).split(';')[0]!, raw };
}

export function login(
  app: FastifyInstance,
  username: string,
  password: string,
  extra: Partial<InjectOptions> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/auth/login',
    payload: { username, password },
    ...extra,
  });
}

/** Signs in and fails loudly unless it worked. */
export async function signIn(app: FastifyInstance, u: Pick<TestUser, 'username' | 'password'>): Promise<Session> {
  const res = await login(app, u.username, u.password);
  if (res.statusCode !== 200) throw new Error(`sign-in of ${u.username}: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookieOf(res);
  if (!cookie) throw new Error('sign-in set no session cookie');
  return { secret: cookie.value, csrfToken: res.json<{ csrfToken: string }>().csrfToken, res };
}

/** What a browser sends with the session: the cookie, and the CSRF token unless told otherwise. */
export function sessionHeaders(s: Pick<Session, 'secret' | 'csrfToken'>, csrf: string | null = s.csrfToken) {
  return { cookie: `session=${s.secret}`, ...(csrf !== null ? { 'x-csrf-token': csrf } : {}) };
}

/** Another app on the test environment's database and task queue, with its own auth settings. */
export async function buildAppWith(
  env: TestEnv,
  auth: Partial<AuthOptions> = {},
  extra: Partial<AppOptions> = {},
): Promise<FastifyInstance> {
  const app = await buildApp({
    db: env.db,
    temporal: { client: env.client, taskQueue: env.taskQueue },
    auth: { jwtSecret: TEST_JWT_SECRET, ...auth },
    ...extra,
  });
  await app.ready();
  return app;
}
