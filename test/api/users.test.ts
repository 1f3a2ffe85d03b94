// The administrator's user routes: an admin lists, creates, changes, disables and resets accounts
// within its own division only; every account it makes or moves stays within its jurisdiction;
// a disabled account's live session ends at once; every change is on the access chain without a
// password or hash. Driven through the session cookie, as the console does (and bearer tokens).
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, civilAffairs, institution } from '../support/fixtures.js';
import {
  type Session,
  type TestUser,
  buildAppWith,
  createTestUser,
  login,
  sessionHeaders,
  signIn,
} from '../support/accounts.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
let app: FastifyInstance;
/** The admin of Hohhot (150100), signed in. */
let hohhot: TestUser;
let session: Session;

beforeAll(async () => {
  env = await createTestEnv();
  app = await buildAppWith(env, { signInRateLimit: { max: 10_000 } });
  hohhot = await createTestUser(env.db, { role: 'admin', org: 'operations', division: '150100' });
  session = await signIn(app, hohhot);
});
afterAll(async () => {
  await app?.close();
  await env?.close();
});

type Body = Record<string, unknown>;
const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: Body, s: Session = session) =>
  app.inject({ method, url, headers: sessionHeaders(s), ...(payload ? { payload } : {}) });
let serial = 0;
const newUser = (over: Body = {}): Body => ({
  username: `clerk.${process.pid}.${serial++}`,
  displayName: '王丽',
  role: 'civil_affairs',
  org: 'civil_affairs',
  division: '150102',
  ...over,
});
async function create(over: Body = {}) {
  const res = await call('POST', '/v1/users', newUser(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Body & { userId: string; username: string; oneTimePassword: string }>();
}
const accessEvents = (userId: string) =>
  env.db
    .selectFrom('audit_events')
    .select(['action', 'data', 'actor'])
    .where('chain_id', '=', 'access')
    .where(sql<string>`data->>'userId'`, '=', userId)
    .orderBy('seq')
    .execute();

describe('POST /v1/users', () => {
  it('creates an account with a one-time password shown once, which the first sign-in must change', async () => {
    const created = await create({ email: 'wang.li@example.cn' });
    expect(created).toMatchObject({
      displayName: '王丽',
      role: 'civil_affairs',
      division: '150102',
      email: 'wang.li@example.cn',
      disabled: false,
      mustChangePassword: true,
      signIn: 'password',
    });
    expect(created.oneTimePassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    const list = await call('GET', `/v1/users?role=civil_affairs`);
    expect(JSON.stringify(list.json())).not.toContain(created.oneTimePassword);

    const s = await signIn(app, { username: created.username, password: created.oneTimePassword });
    expect(s.res.json().user.mustChangePassword).toBe(true);
    const blocked = await app.inject({ url: '/v1/cases', headers: sessionHeaders(s) });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.details.reason).toBe('password_change_required');
  });

  it('answers 409 for a username taken in any case', async () => {
    const first = await create();
    const res = await call('POST', '/v1/users', newUser({ username: first.username.toUpperCase() }));
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'CONFLICT', details: { field: 'username' } });
  });

  it('refuses an admin of 150100 creating a user for 150200 or an admin for 150000 (403)', async () => {
    for (const over of [
      { division: '150200' },
      { role: 'admin', org: 'operations', division: '150000' },
      { role: 'admin', org: 'operations', division: '152900' },
    ]) {
      const res = await call('POST', '/v1/users', newUser(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', details: { field: 'division' } });
    }
    // Within its division, another admin of the same level or below is allowed.
    expect((await create({ role: 'admin', org: 'operations', division: '150102' })).role).toBe('admin');
    expect(
      await env.db.selectFrom('users').select('division_code').where('division_code', 'not like', '1501%').execute(),
    ).toEqual([]);
  });

  it('refuses role and org combinations a bearer token could not carry, and divisions that do not exist', async () => {
    const refusals: Array<[Body, string]> = [
      [{ role: 'department', org: 'tax' }, 'org'],
      [{ role: 'department', org: 'PUBLIC_SECURITY' }, 'org'],
      [{ role: 'root' }, 'role'],
      [{ division: '150199' }, 'division'],
      [{ division: '110000' }, 'division'],
      [{ org: 'a\u0000b' }, 'org'],
      [{ displayName: '王\u001b[31m丽' }, 'displayName'],
    ];
    for (const [over, field] of refusals) {
      const res = await call('POST', '/v1/users', newUser(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(JSON.stringify(res.json().error), JSON.stringify(over)).toContain(field);
    }
    expect((await create({ role: 'department', org: 'public_security' })).org).toBe('public_security');
  });

  it('refuses a username with control characters, and keeps a SQL-shaped one as plain data', async () => {
    for (const username of [
      'bad\u0000name',
      'bad\nname',
      'bad\u007fname',
      'tab\tname',
      "x' OR '1'='1",
      'a;DROP TABLE users',
    ]) {
      const res = await call('POST', '/v1/users', newUser({ username }));
      expect(res.statusCode, JSON.stringify(username)).toBe(400);
    }
    // A username made of what the rule allows, shaped like SQL, is just a name.
    const sqlish = await create({ username: 'select.from-users--' });
    expect(sqlish.username).toBe('select.from-users--');
    const s = await signIn(app, { username: 'SELECT.FROM-USERS--', password: sqlish.oneTimePassword });
    expect(s.res.json().user.userId).toBe(sqlish.userId);
    expect(
      Number(
        (
          await env.db
            .selectFrom('users')
            .select(({ fn }) => fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBeGreaterThan(2);
  });

  it('records the creation on the access chain with the admin as actor and no password', async () => {
    const created = await create();
    const events = await accessEvents(created.userId);
    expect(events.map((e) => e.action)).toEqual(['access.user_created']);
    expect(events[0]!.actor).toMatchObject({ sub: hohhot.user.user_id, role: 'admin', division: '150100' });
    expect(JSON.stringify(events)).not.toContain(created.oneTimePassword);
    expect(JSON.stringify(events)).not.toContain('$argon2');
  });

  it('is for admins only, and a session write needs its CSRF token', async () => {
    const ca = await createTestUser(env.db, civilAffairs('150100'));
    const caSession = await signIn(app, ca);
    const res = await call('POST', '/v1/users', newUser(), caSession);
    expect(res.statusCode).toBe(403);
    expect((await call('GET', '/v1/users', undefined, caSession)).statusCode).toBe(403);
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: sessionHeaders(session, null),
      payload: newUser(),
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.details.field).toBe('x-csrf-token');
    const bearer = await app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: { authorization: `Bearer ${env.token(admin('150100'))}` },
      payload: newUser(),
    });
    expect(bearer.statusCode).toBe(201);
    expect(bearer.json().createdAt).toBeTypeOf('string');
  });
});

describe('GET /v1/users', () => {
  it("lists only the admin's division and below, with filters and cursor paging", async () => {
    await createTestUser(env.db, institution('inst-baotou', '150202'));
    const inst = await createTestUser(env.db, institution('inst-xincheng', '150102'));
    const disabled = await create();
    expect((await call('PATCH', `/v1/users/${disabled.userId}`, { disabled: true })).statusCode).toBe(200);

    const all: Array<{ userId: string; division: string }> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await call('GET', `/v1/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{ items: typeof all; nextCursor: string | null }>();
      all.push(...body.items);
      cursor = body.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(pages).toBeGreaterThan(1);
    expect(new Set(all.map((u) => u.userId)).size).toBe(all.length);
    expect(all.every((u) => u.division.startsWith('1501'))).toBe(true);
    const inDb = await env.db.selectFrom('users').select('user_id').where('division_code', 'like', '1501%').execute();
    expect(all.length).toBe(inDb.length);

    const insts = (await call('GET', '/v1/users?role=institution&org=inst-xincheng')).json().items;
    expect(insts.map((u: { userId: string }) => u.userId)).toEqual([inst.user.user_id]);
    const off = (await call('GET', '/v1/users?disabled=true')).json().items;
    expect(off.map((u: { userId: string }) => u.userId)).toEqual([disabled.userId]);
    expect((await call('GET', '/v1/users?division=150200')).statusCode).toBe(400);
    expect((await call('GET', '/v1/users?cursor=not-a-cursor')).statusCode).toBe(400);
  });
});

describe('PATCH /v1/users/{userId}', () => {
  it('disabling ends a live session at once (401 on its next request); enabling lets the user sign in again', async () => {
    const u = await createTestUser(env.db, civilAffairs('150102'));
    const s = await signIn(app, u);
    expect((await app.inject({ url: '/v1/cases', headers: sessionHeaders(s) })).statusCode).toBe(200);

    const res = await call('PATCH', `/v1/users/${u.user.user_id}`, { disabled: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().disabled).toBe(true);
    const after = await app.inject({ url: '/v1/cases', headers: sessionHeaders(s) });
    expect(after.statusCode).toBe(401);
    expect(
      await env.db.selectFrom('sessions').select('session_id').where('user_id', '=', u.user.user_id).execute(),
    ).toEqual([]);
    expect((await login(app, u.username, u.password)).statusCode).toBe(401);

    expect((await call('PATCH', `/v1/users/${u.user.user_id}`, { disabled: false })).json().disabled).toBe(false);
    expect((await login(app, u.username, u.password)).statusCode).toBe(200);
    const actions = (await accessEvents(u.user.user_id)).map((e) => e.action);
    expect(actions).toContain('access.user_disabled');
    expect(actions).toContain('access.user_enabled');
  });

  it("changes role, org and division together under the token rule; the user's next request acts as the new self", async () => {
    const u = await createTestUser(env.db, civilAffairs('150102'));
    const s = await signIn(app, u);
    const res = await call('PATCH', `/v1/users/${u.user.user_id}`, {
      role: 'department',
      org: 'public_security',
      division: '150103',
      displayName: '李娜',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      role: 'department',
      org: 'public_security',
      division: '150103',
      displayName: '李娜',
    });
    const me = await app.inject({ url: '/v1/me', headers: sessionHeaders(s) });
    expect(me.json()).toMatchObject({ role: 'department', org: 'public_security', division: '150103' });

    // A department whose org is not a department code: refused like such a token.
    const bad = await call('PATCH', `/v1/users/${u.user.user_id}`, { org: 'tax' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.field).toBe('org');
    const [event] = (await accessEvents(u.user.user_id)).filter((e) => e.action === 'access.user_updated');
    expect(event!.data).toMatchObject({
      changed: {
        role: { from: 'civil_affairs', to: 'department' },
        division: { from: '150102', to: '150103' },
        displayName: true,
      },
    });
    expect(JSON.stringify(event)).not.toContain('李娜');
  });

  it('never moves an account above or outside the admin, and hides accounts outside its division', async () => {
    const own = await create();
    for (const division of ['150000', '150200']) {
      const res = await call('PATCH', `/v1/users/${own.userId}`, { division });
      expect(res.statusCode, division).toBe(403);
    }
    const baotou = await createTestUser(env.db, institution('inst-bt', '150202'));
    const regionAdmin = await createTestUser(env.db, { role: 'admin', org: 'operations', division: '150000' });
    for (const target of [baotou, regionAdmin]) {
      expect((await call('PATCH', `/v1/users/${target.user.user_id}`, { disabled: true })).statusCode).toBe(404);
      expect((await call('POST', `/v1/users/${target.user.user_id}/reset-password`, {})).statusCode).toBe(404);
    }
    expect((await login(app, regionAdmin.username, regionAdmin.password)).statusCode).toBe(200);
    expect((await call('PATCH', '/v1/users/00000000-0000-4000-8000-000000000000', { disabled: true })).statusCode).toBe(
      404,
    );
    expect((await call('PATCH', '/v1/users/not-a-uuid', { disabled: true })).statusCode).toBe(400);
  });

  it('refuses an admin disabling itself or changing its own role or division', async () => {
    for (const body of [{ disabled: true }, { role: 'auditor', org: 'audit' }, { division: '150102' }]) {
      const res = await call('PATCH', `/v1/users/${hohhot.user.user_id}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(403);
    }
    expect((await call('GET', '/v1/me')).statusCode).toBe(200);
  });
});

describe('POST /v1/users/{userId}/reset-password', () => {
  it("gives a new one-time password, ends the user's sessions, and lifts the lockout", async () => {
    const u = await createTestUser(env.db, civilAffairs('150102'));
    const s = await signIn(app, u);
    for (let i = 0; i < 5; i++) await login(app, u.username, 'Wrong-password-123!');
    expect((await login(app, u.username, u.password)).statusCode).toBe(429);

    const res = await call('POST', `/v1/users/${u.user.user_id}/reset-password`, {});
    expect(res.statusCode, res.body).toBe(200);
    const { oneTimePassword } = res.json<{ oneTimePassword: string }>();
    expect(oneTimePassword).not.toBe(u.password);
    expect((await app.inject({ url: '/v1/me', headers: sessionHeaders(s) })).statusCode).toBe(401);
    expect((await login(app, u.username, u.password)).statusCode).toBe(401);
    const fresh = await login(app, u.username, oneTimePassword);
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().user.mustChangePassword).toBe(true);
    const events = await accessEvents(u.user.user_id);
    expect(events.map((e) => e.action)).toContain('access.password_reset');
    expect(JSON.stringify(events)).not.toContain(oneTimePassword);
  });
});
