// A session after sign-in: writes need its CSRF token; it ends when idle, at its absolute end, at
// sign-out, when its user is disabled; GET /v1/me answers it as it answers a bearer token's claims.
// The password change is in passwordChange.test.ts.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_PRINCIPAL } from '../../domain/access.js';
import { disableUser } from '../../api/services/accounts.js';
import { civilAffairs, institution } from '../support/fixtures.js';
import {
  type Session,
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
let app: FastifyInstance;
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  app = await buildAppWith(env, { signInRateLimit: { max: 10_000 } });
  apps.push(app);
});
afterAll(async () => {
  for (const a of apps) await a.close();
  await env?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const me = (a: FastifyInstance, s: Pick<Session, 'secret' | 'csrfToken'>) =>
  a.inject({ url: '/v1/me', headers: sessionHeaders(s) });
/** A write that needs no workflow: civil affairs proposes a subsidy standard. */
const propose = (s: Session, csrf: string | null = s.csrfToken) =>
  app.inject({
    method: 'POST',
    url: '/v1/subsidy-standards',
    headers: sessionHeaders(s, csrf),
    payload: { division: '150102', amountFen: 6_000_000, effectiveFrom: '2031-01-01', basis: '会签文件' },
  });

describe('CSRF', () => {
  let ca: TestUser;
  beforeAll(async () => {
    ca = await createTestUser(env.db, civilAffairs('150102'));
  });

  it("lets a write through with the session's own token", async () => {
    expect((await propose(await signIn(app, ca))).statusCode).toBe(201);
  });

  it('refuses a write carried by the session cookie without x-csrf-token: 403 naming the header', async () => {
    const res = await propose(await signIn(app, ca), null);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({
      error: {
        code: 'FORBIDDEN',
        message: expect.stringContaining('x-csrf-token'),
        details: { field: 'x-csrf-token' },
      },
      requestId: expect.any(String),
    });
  });

  it('refuses a forged token and a token replayed from another session', async () => {
    const mine = await signIn(app, ca);
    const other = await signIn(app, ca);
    for (const csrf of [other.csrfToken, 'A'.repeat(43), mine.csrfToken.slice(0, -1), '', `${mine.csrfToken}x`]) {
      const res = await propose(mine, csrf);
      expect(res.statusCode, csrf).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    expect(
      await env.db
        .selectFrom('subsidy_standards')
        .select('standard_id')
        .where('effective_from', '=', '2031-01-01')
        .execute(),
    ).toHaveLength(1);
  });

  it('asks nothing of reads, nor of bearer tokens', async () => {
    const s = await signIn(app, ca);
    expect((await app.inject({ url: '/v1/subsidy-standards', headers: sessionHeaders(s, null) })).statusCode).toBe(200);
    const bearer = await app.inject({
      method: 'POST',
      url: '/v1/subsidy-standards',
      headers: { authorization: `Bearer ${env.token(ca.principal)}` },
      payload: { division: '150102', amountFen: 6_100_000, effectiveFrom: '2032-01-01', basis: '会签文件' },
    });
    expect(bearer.statusCode).toBe(201);
  });

  it('gives the same token again for the session through GET /auth/session', async () => {
    const s = await signIn(app, ca);
    const res = await app.inject({ url: '/auth/session', headers: sessionHeaders(s, null) });
    expect(res.statusCode).toBe(200);
    expect(res.json().csrfToken).toBe(s.csrfToken);
    expect(res.json().user.userId).toBe(ca.user.user_id);
  });
});

describe('the end of a session', () => {
  it('ends after the idle timeout without a request, and is recorded as such', async () => {
    const short = await buildAppWith(env, { sessions: { idleTimeoutSeconds: 1, absoluteTimeoutSeconds: 3600 } });
    apps.push(short);
    const u = await createTestUser(env.db, institution('inst-idle'));
    const s = await signIn(short, u);
    expect((await me(short, s)).statusCode).toBe(200);
    await sleep(1500);
    const res = await me(short, s);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/without use/);
    const ended = await env.db
      .selectFrom('audit_events')
      .select('data')
      .where('chain_id', '=', 'access')
      .where('action', '=', 'access.session_ended')
      .execute();
    expect(ended.map((e) => e.data)).toContainEqual(
      expect.objectContaining({ userId: u.user.user_id, reason: 'idle' }),
    );
  });

  it('ends at its absolute end even while in use', async () => {
    const short = await buildAppWith(env, { sessions: { idleTimeoutSeconds: 60, absoluteTimeoutSeconds: 2 } });
    apps.push(short);
    const u = await createTestUser(env.db, institution('inst-absolute'));
    const s = await signIn(short, u);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await me(short, s)).statusCode);
      await sleep(500);
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.at(-1)).toBe(401);
    expect((await me(short, s)).json().error.message).toMatch(/not valid/);
  });

  it("stops a disabled user's live session at once (disableUser ends the sessions)", async () => {
    const u = await createTestUser(env.db, institution('inst-disabled'));
    const s = await signIn(app, u);
    expect((await me(app, s)).statusCode).toBe(200);
    expect(await disableUser(env.db, u.user.user_id, SYSTEM_PRINCIPAL)).toBe(true);
    expect((await me(app, s)).statusCode).toBe(401);
    // And the right password no longer signs in, with the same answer as a wrong one.
    const again = await login(app, u.username, u.password);
    expect(again.statusCode).toBe(401);
    expect(again.json().error.message).toBe('wrong username or password');
  });

  it('stops the session even when only the flag changed (another instance, an operator)', async () => {
    const u = await createTestUser(env.db, institution('inst-flag'));
    const s = await signIn(app, u);
    await env.db.updateTable('users').set({ disabled: true }).where('user_id', '=', u.user.user_id).execute();
    const res = await me(app, s);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/disabled/);
  });

  it('ends at sign-out: 204, the cookie cleared, the session gone on the server', async () => {
    const u = await createTestUser(env.db, institution('inst-logout'));
    const s = await signIn(app, u);
    const withoutCsrf = await app.inject({ method: 'POST', url: '/auth/logout', headers: sessionHeaders(s, null) });
    expect(withoutCsrf.statusCode).toBe(403);
    const res = await app.inject({ method: 'POST', url: '/auth/logout', headers: sessionHeaders(s) });
    expect(res.statusCode).toBe(204);
    expect(sessionCookieOf(res)!.raw).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await me(app, s)).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/auth/logout', headers: sessionHeaders(s) })).statusCode).toBe(
      401,
    );
  });

  it('needs a session for sign-out, the password change and GET /auth/session: a bearer token is refused', async () => {
    const u = await createTestUser(env.db, institution('inst-bearer'));
    const headers = { authorization: `Bearer ${env.token(u.principal)}` };
    for (const [method, url] of [
      ['POST', '/auth/logout'],
      ['POST', '/auth/password'],
      ['GET', '/auth/session'],
    ] as const) {
      const res = await app.inject({ method, url, headers, payload: method === 'POST' ? {} : undefined });
      expect(res.statusCode, url).toBe(401);
    }
  });
});

describe('GET /v1/me', () => {
  it("answers the session's account, and a bearer token's claims", async () => {
    const u = await createTestUser(env.db, institution('inst-me', '150103'));
    const s = await signIn(app, u);
    expect((await me(app, s)).json()).toEqual({
      userId: u.user.user_id,
      username: u.username,
      displayName: u.user.display_name,
      role: 'institution',
      org: 'inst-me',
      division: '150103',
      mustChangePassword: false,
      authentication: 'session',
    });
    const bearer = await app.inject({
      url: '/v1/me',
      headers: { authorization: `Bearer ${env.token(institution())}` },
    });
    expect(bearer.json()).toEqual({
      userId: institution().sub,
      username: null,
      displayName: null,
      role: 'institution',
      org: institution().org,
      division: institution().division,
      mustChangePassword: false,
      authentication: 'bearer',
    });
    expect((await app.inject({ url: '/v1/me' })).statusCode).toBe(401);
  });

  it('reads the account afresh: a division changed by an administrator counts at the next request', async () => {
    const u = await createTestUser(env.db, institution('inst-moved', '150102'));
    const s = await signIn(app, u);
    await env.db.updateTable('users').set({ division_code: '150104' }).where('user_id', '=', u.user.user_id).execute();
    expect((await me(app, s)).json().division).toBe('150104');
  });
});
