// Every sign-in path, from success to lockout, idle end and disabling, leaves its events on the
// `access` chain, which verifies like every other chain; and no password, password hash, session
// secret (or its hash) or CSRF token reaches the API's log, at trace level, or the audit trail.
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLoggerOptions } from '../../api/logging.js';
import { SYSTEM_PRINCIPAL } from '../../domain/access.js';
import { disableUser } from '../../api/services/accounts.js';
import { verifyChain } from '../../db/repositories/auditVerify.js';
import {
  type Session,
  buildAppWith,
  createTestUser,
  login,
  sessionCookieOf,
  sessionHeaders,
  signIn,
} from '../support/accounts.js';
import { auditor, civilAffairs, institution } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
let app: FastifyInstance;
const log: string[] = [];
/** Every secret the scenario handled. */
const secrets = new Set<string>();
const sessions: Session[] = [];
const sessionIds = new Set<string>();
const lookups: Array<Promise<void>> = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  env = await createTestEnv();
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => log.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  app = await buildAppWith(
    env,
    // Idle after 5 s: long enough for the sign-ins below on a loaded machine, short enough to wait out.
    { sessions: { idleTimeoutSeconds: 5, absoluteTimeoutSeconds: 3600 }, signInRateLimit: { max: 10_000 } },
    { logger: apiLoggerOptions('trace', stream) },
  );

  const track = (s: Session) => {
    sessions.push(s);
    secrets.add(s.secret).add(s.csrfToken).add(createHash('sha256').update(s.secret).digest('hex'));
    // The session's row id, read while it exists (sign-out and disabling delete rows).
    lookups.push(
      env.db
        .selectFrom('sessions')
        .select('session_id')
        .where('token_hash', '=', createHash('sha256').update(s.secret).digest('hex'))
        .execute()
        .then((rows) => rows.forEach((r) => sessionIds.add(r.session_id))),
    );
    return s;
  };
  const clerk = await createTestUser(env.db, civilAffairs('150102'));
  const victim = await createTestUser(env.db, institution('inst-victim'));
  const leaver = await createTestUser(env.db, institution('inst-leaver'));
  for (const u of [clerk, victim, leaver]) secrets.add(u.password);

  // A sign-in, a write with its CSRF token and one without, a wrong password, an unknown user.
  const s = track(await signIn(app, clerk));
  await app.inject({
    method: 'POST',
    url: '/v1/subsidy-standards',
    headers: sessionHeaders(s),
    payload: { division: '150102', amountFen: 6_000_000, effectiveFrom: '2031-01-01', basis: '会签' },
  });
  await app.inject({ method: 'POST', url: '/v1/subsidy-standards', headers: sessionHeaders(s, null), payload: {} });
  const guesses = ['Guess-number-1!', 'Guess-number-2!', 'Guess-number-3!', 'Guess-number-4!', 'Guess-number-5!'];
  guesses.forEach((g) => secrets.add(g));
  await login(app, clerk.username, guesses[0]!);
  await login(app, 'nobody.at.all', guesses[1]!);
  // A lockout, then the right password refused.
  for (const g of guesses) await login(app, victim.username, g);
  await login(app, victim.username, victim.password);
  // A 10 KB password; a password typed into the username field.
  const huge = 'Aa1!'.repeat(2560);
  await login(app, clerk.username, huge);
  await login(app, clerk.password, clerk.password);
  // A password change that fails and one that works, ending the other session.
  const other = track(await signIn(app, clerk));
  const newPassword = 'Steppe-wind-2027!';
  secrets.add(newPassword);
  await app.inject({
    method: 'POST',
    url: '/auth/password',
    headers: sessionHeaders(s),
    payload: { currentPassword: guesses[2], newPassword },
  });
  await app.inject({
    method: 'POST',
    url: '/auth/password',
    headers: sessionHeaders(s),
    payload: { currentPassword: clerk.password, newPassword },
  });
  await app.inject({ url: '/v1/me', headers: sessionHeaders(other) });
  // The session, then sign-out; an idle session; a disabled user's session.
  await app.inject({ url: '/auth/session', headers: sessionHeaders(s) });
  await app.inject({ method: 'POST', url: '/auth/logout', headers: sessionHeaders(s) });
  const idle = track(await signIn(app, leaver));
  await sleep(5200);
  await app.inject({ url: '/v1/me', headers: sessionHeaders(idle) });
  const disabled = track(await signIn(app, leaver));
  await disableUser(env.db, leaver.user.user_id, SYSTEM_PRINCIPAL);
  await app.inject({ url: '/v1/me', headers: sessionHeaders(disabled) });
  // A sign-in presenting an old cookie (fixation attempt).
  const prior = track(await signIn(app, { username: clerk.username, password: newPassword }));
  const fresh = await login(app, clerk.username, newPassword, { cookies: { session: prior.secret } });
  secrets.add(sessionCookieOf(fresh)!.value).add(fresh.json().csrfToken);

  for (const { password_hash } of await env.db.selectFrom('users').select('password_hash').execute())
    if (password_hash) secrets.add(password_hash);
});
afterAll(async () => {
  await app?.close();
  await env?.close();
});

describe('the access chain', () => {
  it('records every kind of access event', async () => {
    const actions = await env.db
      .selectFrom('audit_events')
      .select('action')
      .distinct()
      .where('chain_id', '=', 'access')
      .execute();
    expect(actions.map((a) => a.action).sort()).toEqual([
      'access.locked_out',
      'access.password_changed',
      'access.session_ended',
      'access.sign_in_failed',
      'access.signed_in',
      'access.signed_out',
      'access.user_created',
      'access.user_disabled',
    ]);
    const ends = await env.db
      .selectFrom('audit_events')
      .select('data')
      .where('chain_id', '=', 'access')
      .where('action', '=', 'access.session_ended')
      .execute();
    expect(new Set(ends.map((e) => (e.data as { reason: string }).reason))).toEqual(
      new Set(['password_changed', 'idle', 'user_disabled', 'replaced_at_sign_in']),
    );
    const failures = await env.db
      .selectFrom('audit_events')
      .select('data')
      .where('chain_id', '=', 'access')
      .where('action', '=', 'access.sign_in_failed')
      .execute();
    expect(new Set(failures.map((e) => (e.data as { reason: string }).reason))).toEqual(
      new Set(['wrong_password', 'unknown_username', 'locked']),
    );
  });

  it("verifies like every other chain, sits at the region for audit:verify, and is in the auditor's export", async () => {
    const verification = await verifyChain(env.db, 'access');
    expect(verification).toMatchObject({ valid: true, brokenAt: null });
    expect(verification.events).toBeGreaterThan(20);
    const head = await env.db
      .selectFrom('audit_heads')
      .selectAll()
      .where('chain_id', '=', 'access')
      .executeTakeFirstOrThrow();
    expect(head.division_code).toBe('150000');
    const from = encodeURIComponent(new Date(Date.now() - 3600_000).toISOString());
    const to = encodeURIComponent(new Date(Date.now() + 3600_000).toISOString());
    const exported = await env.app.inject({
      url: `/v1/audit/export?division=150000&from=${from}&to=${to}`,
      headers: { authorization: `Bearer ${env.token(auditor('150000'))}` },
    });
    expect(exported.statusCode).toBe(200);
    expect(exported.body.split('\n').filter((l) => l.includes('"chainId":"access"')).length).toBe(verification.events);
  });
});

describe('secrets', () => {
  it('never reach a log line', () => {
    expect(log.length).toBeGreaterThan(50);
    expect(log.some((l) => l.includes('"msg":"signed in"'))).toBe(true);
    const text = log.join('\n');
    const found = [...secrets].filter((s) => text.includes(s));
    expect(found).toEqual([]);
  });

  it('leave the session id out of the log, which names the user by id', async () => {
    await Promise.all(lookups);
    expect(sessionIds.size).toBe(sessions.length);
    const text = log.join('\n');
    expect([...sessionIds].filter((id) => text.includes(id))).toEqual([]);
    const signedIn = log
      .filter((l) => l.includes('"msg":"signed in"'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(signedIn.length).toBeGreaterThan(0);
    expect(signedIn.every((l) => typeof l.userId === 'string' && !('sessionId' in l))).toBe(true);
  });

  it('never reach the audit trail', async () => {
    const rows = await env.db.selectFrom('audit_events').select(['actor', 'data']).execute();
    const text = JSON.stringify(rows);
    expect([...secrets].filter((s) => text.includes(s))).toEqual([]);
    expect(secrets.size).toBeGreaterThan(20);
    expect(sessions.length).toBe(5);
  });
});
