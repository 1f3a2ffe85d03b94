// The first start on a database without users: the launcher creates `admin` and prints how to
// sign in (a one-time password unless INITIAL_ADMIN_PASSWORD is set); the production server creates
// it only from INITIAL_ADMIN_PASSWORD; and nothing happens once any user exists.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readConfig } from '../../bin/runtime/config.js';
import { ensureFirstAdmin } from '../../bin/runtime/firstAdmin.js';
import { login, sessionHeaders, signIn } from '../support/accounts.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());
afterEach(async () => {
  vi.restoreAllMocks();
  await env.db.deleteFrom('users').execute();
});

const API = 'http://127.0.0.1:3000';
function printed(): { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  return { out, err };
}

describe('the first start', () => {
  it('creates admin with a one-time password, printed once with how to sign in, to be changed at once', async () => {
    const { out } = printed();
    await ensureFirstAdmin(env.db, readConfig({}), API);
    const text = out.join('\n');
    const password = /password {2}(\S+) {3}\(one-time/.exec(text)?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect(text).toContain(`${API}/auth/login`);
    expect(text).toContain('x-csrf-token: $CSRF');
    expect(text).toContain('-c .session');

    const admin = await env.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(admin).toMatchObject({
      username: 'admin',
      role: 'admin',
      org: 'system',
      division_code: '150000',
      must_change_password: true,
    });
    const s = await signIn(env.app, { username: 'admin', password: password! });
    expect(s.res.json().user.mustChangePassword).toBe(true);
    const changed = await env.app.inject({
      method: 'POST',
      url: '/auth/password',
      headers: sessionHeaders(s),
      payload: { currentPassword: password, newPassword: 'Region-steward-2027!' },
    });
    expect(changed.statusCode).toBe(204);

    // Once there is a user, a second start does nothing and prints nothing.
    out.length = 0;
    await ensureFirstAdmin(env.db, readConfig({}), API);
    expect(out).toEqual([]);
    expect(await env.db.selectFrom('users').select('user_id').execute()).toHaveLength(1);
  });

  it('uses INITIAL_ADMIN_PASSWORD when set, without printing it or asking for a change', async () => {
    const { out } = printed();
    const password = 'Chosen-by-operator-1';
    await ensureFirstAdmin(env.db, readConfig({ INITIAL_ADMIN_PASSWORD: password }), API);
    expect(out.join('\n')).not.toContain(password);
    const res = await login(env.app, 'admin', password);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(false);
  });

  it('refuses an INITIAL_ADMIN_PASSWORD against the policy, saying which rule', async () => {
    printed();
    await expect(ensureFirstAdmin(env.db, readConfig({ INITIAL_ADMIN_PASSWORD: 'admin' }), API)).rejects.toThrow(
      /^INITIAL_ADMIN_PASSWORD must be at least 12 characters long.*must not contain the username/,
    );
    expect(await env.db.selectFrom('users').select('user_id').execute()).toEqual([]);
  });

  it('creates nobody on the production server without INITIAL_ADMIN_PASSWORD, and says how', async () => {
    const { out, err } = printed();
    await ensureFirstAdmin(env.db, readConfig({ NODE_ENV: 'production', SEARCH_HASH_KEY: 'k'.repeat(32) }), null);
    expect(await env.db.selectFrom('users').select('user_id').execute()).toEqual([]);
    expect(err.join('\n')).toMatch(/Set INITIAL_ADMIN_PASSWORD and restart/);
    expect(out).toEqual([]);
    await ensureFirstAdmin(env.db, readConfig({ INITIAL_ADMIN_PASSWORD: 'Chosen-by-operator-1' }), null);
    expect((await login(env.app, 'admin', 'Chosen-by-operator-1')).statusCode).toBe(200);
  });

  it('creates one admin when two processes start at once', async () => {
    printed();
    const config = readConfig({ INITIAL_ADMIN_PASSWORD: 'Chosen-by-operator-1' });
    await Promise.all([ensureFirstAdmin(env.db, config, API), ensureFirstAdmin(env.db, config, API)]);
    expect(await env.db.selectFrom('users').select('user_id').execute()).toHaveLength(1);
  });
});
