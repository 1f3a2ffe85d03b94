// Changing one's password: the current one proves it (and wrong ones count towards the lockout),
// the new one meets the policy, the user's other sessions end; and a user who must change the
// password reaches nothing else first.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { civilAffairs, institution } from '../support/fixtures.js';
import { type Session, buildAppWith, createTestUser, login, sessionHeaders, signIn } from '../support/accounts.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
let app: FastifyInstance;

beforeAll(async () => {
  env = await createTestEnv();
  app = await buildAppWith(env, { signInRateLimit: { max: 10_000 } });
});
afterAll(async () => {
  await app?.close();
  await env?.close();
});

const me = (s: Pick<Session, 'secret' | 'csrfToken'>) => app.inject({ url: '/v1/me', headers: sessionHeaders(s) });
/** A write that needs no workflow: civil affairs proposes a subsidy standard. */
const propose = (s: Session) =>
  app.inject({
    method: 'POST',
    url: '/v1/subsidy-standards',
    headers: sessionHeaders(s),
    payload: { division: '150102', amountFen: 6_000_000, effectiveFrom: '2031-01-01', basis: '会签文件' },
  });

describe('POST /auth/password', () => {
  const change = (s: Session, body: object, csrf: string | null = s.csrfToken) =>
    app.inject({ method: 'POST', url: '/auth/password', headers: sessionHeaders(s, csrf), payload: body });

  it("changes the password, ends the user's other sessions and keeps this one", async () => {
    const u = await createTestUser(env.db, institution('inst-change'));
    const here = await signIn(app, u);
    const elsewhere = await signIn(app, u);
    const newPassword = 'Steppe-wind-2027!';
    const res = await change(here, { currentPassword: u.password, newPassword });
    expect(res.statusCode).toBe(204);
    expect((await me(here)).statusCode).toBe(200);
    expect((await me(elsewhere)).statusCode).toBe(401);
    expect((await login(app, u.username, u.password)).statusCode).toBe(401);
    expect((await login(app, u.username, newPassword)).statusCode).toBe(200);
  });

  it('refuses a wrong current password with 403 naming it, and counts it towards the lockout', async () => {
    const u = await createTestUser(env.db, institution('inst-wrong-current'));
    const s = await signIn(app, u);
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const res = await change(s, { currentPassword: `Not-it-${i}-at-all`, newPassword: 'Steppe-wind-2027!' });
      statuses.push(res.statusCode);
      if (i === 0) expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', details: { field: 'currentPassword' } });
    }
    expect(statuses).toEqual([403, 403, 403, 403, 403, 429]);
    expect((await me(s)).statusCode).toBe(200);
  });

  it('refuses a new password against the policy, naming each rule broken', async () => {
    const u = await createTestUser(env.db, institution('inst-weak'), { username: 'weak.password.user' });
    const s = await signIn(app, u);
    const cases: Array<[string, RegExp]> = [
      ['Short-1a', /at least 12 characters/],
      ['alllowercaseletters', /at least 3 of/],
      ['Weak.Password.User.2027', /must not contain the username/],
      [u.password, /must differ/],
    ];
    for (const [newPassword, rule] of cases) {
      const res = await change(s, { currentPassword: u.password, newPassword });
      expect(res.statusCode, newPassword).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.message).toMatch(/^newPassword: /);
      expect(res.json().error.message).toMatch(rule);
    }
    const huge = await change(s, { currentPassword: u.password, newPassword: 'Aa1!'.repeat(2560) });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.message).toMatch(/newPassword/);
  });

  it('needs the CSRF token like every write', async () => {
    const u = await createTestUser(env.db, institution('inst-change-csrf'));
    const s = await signIn(app, u);
    const res = await change(s, { currentPassword: u.password, newPassword: 'Steppe-wind-2027!' }, null);
    expect(res.statusCode).toBe(403);
    expect((await login(app, u.username, u.password)).statusCode).toBe(200);
  });
});

describe('a password that must be changed', () => {
  it('keeps the session to /v1/me, the password change and sign-out until it is changed', async () => {
    const u = await createTestUser(env.db, civilAffairs('150102'), { mustChange: true });
    const s = await signIn(app, u);
    expect(s.res.json().user.mustChangePassword).toBe(true);
    const read = await app.inject({ url: '/v1/cases', headers: sessionHeaders(s) });
    expect(read.statusCode).toBe(403);
    expect(read.json().error).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'password_change_required' } });
    expect((await propose(s)).statusCode).toBe(403);
    expect((await me(s)).json().mustChangePassword).toBe(true);
    expect((await app.inject({ url: '/auth/session', headers: sessionHeaders(s) })).statusCode).toBe(200);

    const changed = await app.inject({
      method: 'POST',
      url: '/auth/password',
      headers: sessionHeaders(s),
      payload: { currentPassword: u.password, newPassword: 'Steppe-wind-2027!' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await me(s)).json().mustChangePassword).toBe(false);
    expect((await app.inject({ url: '/v1/cases', headers: sessionHeaders(s) })).statusCode).toBe(200);
  });
});
