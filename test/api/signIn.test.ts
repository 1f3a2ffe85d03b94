// POST /auth/login: the session cookie and what it carries, one answer for every wrong
// credential, the lockout per username (in PostgreSQL) and the limit per address, and inputs
// that must never get as far as the password hash or the SQL.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { civilAffairs, institution } from '../support/fixtures.js';
import {
  type TestUser,
  buildAppWith,
  createTestUser,
  login,
  sessionCookieOf,
  sessionHeaders,
  signIn,
} from '../support/accounts.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
/** The app under test, with the per-address limit lifted: every request here comes from one address. */
let app: FastifyInstance;
let user: TestUser;
const apps: FastifyInstance[] = [];

async function appWith(...args: Parameters<typeof buildAppWith> extends [unknown, ...infer R] ? R : never) {
  const app = await buildAppWith(env, ...args);
  apps.push(app);
  return app;
}

beforeAll(async () => {
  env = await createTestEnv();
  app = await appWith({ signInRateLimit: { max: 10_000 } });
  user = await createTestUser(env.db, institution('inst-signin', '150102'));
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await env?.close();
});

const withoutRequestId = (body: string) => {
  const { requestId: _, ...rest } = JSON.parse(body) as Record<string, unknown>;
  return rest;
};

describe('POST /auth/login', () => {
  it('answers the user and a CSRF token, and sets an HttpOnly, SameSite=Strict session cookie for the whole site', async () => {
    const res = await login(app, user.username.toUpperCase(), user.password);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      user: {
        userId: user.user.user_id,
        username: user.username,
        displayName: user.user.display_name,
        role: 'institution',
        org: 'inst-signin',
        division: '150102',
        mustChangePassword: false,
        authentication: 'session',
      },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.any(String),
      idleTimeoutSeconds: 1800,
    });
    const cookie = sessionCookieOf(res)!;
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const attributes = cookie.raw.split(';').map((a) => a.trim());
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));
    expect(attributes).not.toContain('Secure');
    // 12 hours from now, within the minute.
    expect(Math.abs(Date.parse(res.json().expiresAt) - Date.now() - 12 * 3600_000)).toBeLessThan(60_000);
  });

  it('marks the cookie Secure when the request came over HTTPS through a trusted proxy, and only then', async () => {
    const behindProxy = await appWith({}, { trustProxy: '127.0.0.1' });
    const https = { headers: { 'x-forwarded-proto': 'https' } };
    expect(sessionCookieOf(await login(behindProxy, user.username, user.password, https))!.raw).toMatch(/; Secure/);
    // The same header from a client no proxy vouches for is not believed.
    expect(sessionCookieOf(await login(app, user.username, user.password, https))!.raw).not.toMatch(/Secure/);
  });

  it('answers a wrong password and an unknown username alike: 401 with one message', async () => {
    const wrong = await login(app, user.username, 'Not-the-password-1');
    const unknown = await login(app, 'nobody.here', 'Not-the-password-1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(withoutRequestId(wrong.body)).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'wrong username or password' },
    });
    expect(withoutRequestId(unknown.body)).toEqual(withoutRequestId(wrong.body));
    expect(sessionCookieOf(wrong)).toBeNull();
  });

  it('takes as long for an unknown username as for a wrong password (a dummy hash is checked)', async () => {
    // Timing is the side channel itself here: medians of interleaved attempts, compared as a ratio.
    const patient = await appWith({ lockout: { maxFailures: 1000 } });
    const time = async (username: string) => {
      const t = process.hrtime.bigint();
      expect((await login(patient, username, 'Not-the-password-1')).statusCode).toBe(401);
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(await time(user.username));
      unknown.push(await time(`ghost.${i}`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    expect(median(unknown) / median(known)).toBeGreaterThan(0.5);
  });

  it('locks a username after 5 failures within the window: 429 with Retry-After, even with the right password', async () => {
    const victim = await createTestUser(env.db, civilAffairs('150102'));
    for (let i = 0; i < 5; i++) expect((await login(app, victim.username, `Wrong-guess-${i}!x`)).statusCode).toBe(401);
    const res = await login(app, victim.username.toUpperCase(), victim.password);
    expect(res.statusCode).toBe(429);
    expect(res.json().error).toMatchObject({ code: 'RATE_LIMITED' });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(sessionCookieOf(res)).toBeNull();
  });

  it('locks an unknown username the same way, so a lockout does not tell which usernames exist', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await login(app, 'no.such.user', `Wrong-guess-${i}!x`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('checks no more than 5 passwords of a burst of parallel guesses', async () => {
    const victim = await createTestUser(env.db, civilAffairs('150102'));
    const guesses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(app, victim.username, `Parallel-guess-${i}!`)),
    );
    const statuses = guesses.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('lifts the lock once the window has passed since the last failure, and a success clears the count', async () => {
    const quick = await appWith({ lockout: { windowSeconds: 2 } });
    const victim = await createTestUser(env.db, civilAffairs('150102'));
    for (let i = 0; i < 5; i++) await login(quick, victim.username, `Wrong-guess-${i}!x`);
    const lockedRes = await login(quick, victim.username, victim.password);
    expect(lockedRes.statusCode).toBe(429);
    expect(Number(lockedRes.headers['retry-after'])).toBeLessThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 2200));
    expect((await login(quick, victim.username, victim.password)).statusCode).toBe(200);
    // Four failures after a success do not lock: the success forgot the earlier ones.
    for (let i = 0; i < 4; i++) await login(quick, victim.username, `Wrong-again-${i}!x`);
    expect((await login(quick, victim.username, victim.password)).statusCode).toBe(200);
  });

  it('limits sign-in attempts per client address, whatever the usernames', async () => {
    const limited = await appWith({ signInRateLimit: { max: 3 } });
    const from = (remoteAddress: string, i: number) =>
      login(limited, `spray.${i}`, 'Sprayed-password-1', { remoteAddress });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await from('10.1.1.1', i)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limitedRes = await from('10.1.1.1', 9);
    expect(limitedRes.json().error.code).toBe('RATE_LIMITED');
    expect(Number(limitedRes.headers['retry-after'])).toBeGreaterThan(0);
    expect((await from('10.1.1.2', 10)).statusCode).toBe(401);
  });

  it('never reuses a session cookie presented at sign-in (no fixation), and ends the session it named', async () => {
    // An id planted by an attacker before the victim signs in.
    const planted = 'A'.repeat(43);
    const res = await login(app, user.username, user.password, { cookies: { session: planted } });
    expect(res.statusCode).toBe(200);
    const issued = sessionCookieOf(res)!.value;
    expect(issued).not.toBe(planted);
    expect((await app.inject({ url: '/v1/me', cookies: { session: planted } })).statusCode).toBe(401);

    // A live session presented at a new sign-in is ended, not carried over.
    const first = await signIn(app, user);
    const again = await login(app, user.username, user.password, { cookies: { session: first.secret } });
    expect(sessionCookieOf(again)!.value).not.toBe(first.secret);
    expect((await app.inject({ url: '/v1/me', headers: sessionHeaders(first) })).statusCode).toBe(401);
    const second = sessionCookieOf(again)!.value;
    expect((await app.inject({ url: '/v1/me', cookies: { session: second } })).statusCode).toBe(200);
  });

  it('refuses a 10 KB password before hashing it, and does not count it as a failure', async () => {
    const victim = await createTestUser(env.db, civilAffairs('150102'));
    const huge = 'Aa1!'.repeat(2560);
    for (let i = 0; i < 6; i++) {
      const res = await login(app, victim.username, huge);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: expect.stringContaining('password'),
      });
    }
    expect((await login(app, victim.username, victim.password)).statusCode).toBe(200);
  });

  it('refuses a username with control characters as VALIDATION_FAILED naming the field', async () => {
    for (const username of ['adm\u0007in', 'admin\r\n', '\u001b[31madmin', 'admin\u0085', 'admin\u0000']) {
      const res = await login(app, username, user.password);
      expect(res.statusCode, JSON.stringify(username)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.message).toMatch(/username/);
    }
  });

  it('treats SQL-shaped usernames as plain strings: no such user, and the accounts are untouched', async () => {
    const before = await env.db
      .selectFrom('users')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .executeTakeFirst();
    for (const username of [
      "' OR '1'='1",
      `${user.username}' --`,
      "x'; DROP TABLE users; --",
      "admin' OR 1=1 LIMIT 1 --",
      '" OR ""="',
    ]) {
      const res = await login(app, username, "' OR '1'='1");
      expect(res.statusCode, username).toBe(401);
      expect(res.json().error.message).toBe('wrong username or password');
    }
    const after = await env.db
      .selectFrom('users')
      .select(({ fn }) => fn.countAll<string>().as('n'))
      .executeTakeFirst();
    expect(after).toEqual(before);
    expect((await login(app, user.username, user.password)).statusCode).toBe(200);
  });

  it('refuses unknown body properties and a missing password', async () => {
    const extra = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: user.username, password: user.password, role: 'admin' },
    });
    expect(extra.statusCode).toBe(400);
    const missing = await app.inject({ method: 'POST', url: '/auth/login', payload: { username: user.username } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/body\.password is required/);
  });
});
