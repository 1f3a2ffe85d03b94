// createAccount, the one way every account is made (the first start, the administrator's routes,
// an identity provider): the username rule, department codes, real divisions, the password policy,
// a one-time password when asked for one, and the audit event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_PRINCIPAL } from '../../domain/access.js';
import { type AccountInput, createAccount, generateOneTimePassword } from '../../api/services/accounts.js';
import { passwordProblems } from '../../domain/passwordPolicy.js';
import { login } from '../support/accounts.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

const input = (over: Partial<AccountInput> = {}): AccountInput => ({
  username: 'li.na',
  displayName: '李娜',
  role: 'department',
  org: 'public_security',
  division: '150100',
  ...over,
});
const strong = { password: 'Hulunbuir-2027!', mustChange: false };

describe('createAccount', () => {
  it('refuses what the rules refuse, naming the field', async () => {
    const refusals: Array<[Partial<AccountInput>, string]> = [
      [{ username: 'ab' }, 'username'],
      [{ username: 'li na' }, 'username'],
      [{ username: "li'na" }, 'username'],
      [{ username: '王丽' }, 'username'],
      [{ username: 'x'.repeat(65) }, 'username'],
      [{ org: 'tax' }, 'org'],
      [{ division: '150199' }, 'division'],
    ];
    for (const [over, field] of refusals) {
      await expect(
        createAccount(env.db, input({ username: 'refused.one', ...over }), strong, SYSTEM_PRINCIPAL),
        JSON.stringify(over),
      ).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        details: { field },
      });
    }
    await expect(
      createAccount(env.db, input({ username: 'weak.one' }), { password: 'weak', mustChange: false }, SYSTEM_PRINCIPAL),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'password' } });
    expect(await env.db.selectFrom('users').select('username').execute()).toEqual([]);
  });

  it('answers CONFLICT for a username taken in any case', async () => {
    await createAccount(env.db, input({ username: 'Zhao.Lei' }), strong, SYSTEM_PRINCIPAL);
    await expect(
      createAccount(env.db, input({ username: 'zhao.lei' }), strong, SYSTEM_PRINCIPAL),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { field: 'username' },
    });
  });

  it('makes a one-time password that meets the policy and must be changed at the first sign-in', async () => {
    const { user, oneTimePassword } = await createAccount(
      env.db,
      input({ username: 'new.clerk' }),
      'one-time',
      SYSTEM_PRINCIPAL,
    );
    expect(oneTimePassword).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
    expect(user.must_change_password).toBe(true);
    const res = await login(env.app, 'new.clerk', oneTimePassword!);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.mustChangePassword).toBe(true);
    for (let i = 0; i < 200; i++) expect(passwordProblems(generateOneTimePassword('abcd'), 'abcd')).toEqual([]);
  });

  it('records the creation on the access chain, without the password or its hash', async () => {
    const { user } = await createAccount(env.db, input({ username: 'audited.clerk' }), strong, SYSTEM_PRINCIPAL);
    const event = await env.db
      .selectFrom('audit_events')
      .selectAll()
      .where('chain_id', '=', 'access')
      .where('action', '=', 'access.user_created')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.data).toEqual({
      userId: user.user_id,
      role: 'department',
      org: 'public_security',
      division: '150100',
      password: 'set',
    });
    expect(JSON.stringify(event)).not.toContain(strong.password);
    expect(JSON.stringify(event)).not.toContain(user.password_hash!);
  });
});
