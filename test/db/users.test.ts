// The users table through its repository: one account per username whatever its case, room for
// accounts without a password, and the department codes the API checks against the reference data.
import { hash } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_PRINCIPAL } from '../../domain/access.js';
import { createUser, findUserById, findUserByUsername } from '../../db/repositories/users.js';
import { DEPARTMENT_CODES } from '../../domain/vocabulary.js';
import { buildAppWith, createTestUser, login } from '../support/accounts.js';
import { institution } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

const newUser = (username: string, passwordHash: string | null = null) => ({
  username,
  displayName: '王丽',
  role: 'institution' as const,
  org: 'inst-db',
  division: '150102',
  passwordHash,
  mustChangePassword: false,
  createdBy: SYSTEM_PRINCIPAL,
});

describe('users', () => {
  it('keeps one account per username whatever its case, and finds it in any case', async () => {
    const first = await createUser(env.db, newUser('Wang.Li'));
    expect(first).not.toBeNull();
    expect(await createUser(env.db, newUser('wang.li'))).toBeNull();
    expect(await createUser(env.db, newUser('WANG.LI'))).toBeNull();
    expect((await findUserByUsername(env.db, 'wAnG.lI'))?.user_id).toBe(first!.user_id);
    expect(first).toMatchObject({
      username: 'Wang.Li',
      disabled: false,
      must_change_password: false,
      password_hash: null,
      notification_preferences: {},
      created_by: SYSTEM_PRINCIPAL,
    });
  });

  it('holds an account that signs in only through an identity provider: no password, issuer and subject', async () => {
    const u = await createUser(env.db, {
      ...newUser('oidc.user'),
      oidc: { issuer: 'https://idp.example', subject: 'abc-123' },
    });
    expect(u).toMatchObject({ password_hash: null, oidc_issuer: 'https://idp.example', oidc_subject: 'abc-123' });
    // It cannot sign in with any password, and is refused like a wrong one.
    const res = await login(env.app, 'oidc.user', 'Anything-at-all-1');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe('wrong username or password');
  });

  it('refuses control characters in a username in the database itself', async () => {
    await expect(createUser(env.db, newUser('bad\u0007name'))).rejects.toThrow(/users_username_check|check constraint/);
  });

  it('has the same 11 department codes as the reference data', async () => {
    const rows = await env.db.selectFrom('departments').select('code').execute();
    expect(rows.map((r) => r.code).sort()).toEqual([...DEPARTMENT_CODES].sort());
  });
});

describe('password hashes', () => {
  it("are argon2id with OWASP's parameters (19 MiB, 2 iterations, 1 lane), never the password", async () => {
    const u = await createTestUser(env.db, institution('inst-hash'));
    const stored = (await findUserById(env.db, u.user.user_id))!.password_hash!;
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(stored).not.toContain(u.password);
  });

  it('are made again with the current parameters when a sign-in proves a password stored under older ones', async () => {
    const password = 'Older-params-2020!';
    const weak = await hash(password, { memoryCost: 4096, timeCost: 1, parallelism: 1 });
    const u = await createUser(env.db, { ...newUser('old.hash.user', weak) });
    const app = await buildAppWith(env);
    try {
      expect((await login(app, 'old.hash.user', password)).statusCode).toBe(200);
    } finally {
      await app.close();
    }
    const stored = (await findUserById(env.db, u!.user_id))!.password_hash!;
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await login(env.app, 'old.hash.user', password)).statusCode).toBe(200);
  });
});
