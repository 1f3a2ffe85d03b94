// Bearer tokens as the API accepts them: they must expire, live no longer than the operator's cap,
// and a department token must name a real department. `npm run token` mints within the cap.
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPARTMENT_CODES } from '../../domain/vocabulary.js';
import { buildAppWith } from '../support/accounts.js';
import { auditor, department } from '../support/fixtures.js';
import { TEST_JWT_SECRET, type TestEnv, createTestEnv } from '../support/testEnv.js';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
/** An HS256 token with exactly these claims (no iat or exp added). */
function hs256(claims: Record<string, unknown>, secret = TEST_JWT_SECRET): string {
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
const now = () => Math.floor(Date.now() / 1000);

let env: TestEnv;
let capped: FastifyInstance;

beforeAll(async () => {
  env = await createTestEnv();
  capped = await buildAppWith(env, { maxTokenLifetimeSeconds: 3600 });
});
afterAll(async () => {
  await capped?.close();
  await env?.close();
});

const read = (app: FastifyInstance, token: string) =>
  app.inject({ url: '/v1/subsidy-standards', headers: { authorization: `Bearer ${token}` } });

describe('bearer tokens', () => {
  it('refuses a token without exp, which would never expire', async () => {
    const res = await read(env.app, hs256({ ...auditor(), iat: now() }));
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'token has no exp claim: every token must expire',
    });
  });

  it('refuses a token that lives longer than the cap (12 h unless configured), with or without iat', async () => {
    expect((await read(env.app, hs256({ ...auditor(), iat: now(), exp: now() + 12 * 3600 }))).statusCode).toBe(200);
    const long = await read(env.app, hs256({ ...auditor(), iat: now(), exp: now() + 13 * 3600 }));
    expect(long.statusCode).toBe(401);
    expect(long.json().error.message).toMatch(/longer than the 43200 s/);
    expect((await read(env.app, hs256({ ...auditor(), exp: now() + 13 * 3600 }))).statusCode).toBe(401);
    // Issued long ago for a long life: still too long, though little of it is left.
    expect((await read(env.app, hs256({ ...auditor(), iat: now() - 30 * 86400, exp: now() + 60 }))).statusCode).toBe(
      401,
    );
    // An iat in the future does not stretch the life past the cap.
    expect(
      (await read(env.app, hs256({ ...auditor(), iat: now() + 365 * 86400, exp: now() + 365 * 86400 + 60 })))
        .statusCode,
    ).toBe(401);
  });

  it("applies the operator's cap (JWT_MAX_LIFETIME_SECONDS)", async () => {
    expect((await read(capped, env.token(auditor(), '1h'))).statusCode).toBe(200);
    expect((await read(capped, env.token(auditor(), '2h'))).statusCode).toBe(401);
  });

  it('refuses a department token whose org is not one of the 11 departments, like an unknown role', async () => {
    for (const org of ['tax', 'public_security ', 'PUBLIC_SECURITY', 'admin']) {
      const res = await read(env.app, env.token(department(org)));
      expect(res.statusCode, org).toBe(401);
      expect(res.json().error.message).toMatch(/token claim org: a department's org must be one of/);
    }
    for (const org of DEPARTMENT_CODES)
      expect((await read(env.app, env.token(department(org)))).statusCode, org).toBe(200);
  });
});

describe('npm run token', () => {
  const token = async (...args: string[]) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'token-'));
    return promisify(execFile)(process.execPath, ['--import', 'tsx', 'bin/token.ts', ...args], {
      env: { ...process.env, JWT_SECRET: TEST_JWT_SECRET, DATA_DIR: dataDir, JWT_MAX_LIFETIME_SECONDS: '7200' },
    });
  };
  const claimsOf = (t: string) =>
    JSON.parse(Buffer.from(t.trim().split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number };

  it('mints a token for --lifetime that the API accepts, and refuses one longer than the cap', async () => {
    const { stdout } = await token('--role', 'auditor', '--org', 'audit', '--division', '150100', '--lifetime', '90m');
    const claims = claimsOf(stdout);
    expect(claims.exp - claims.iat).toBe(5400);
    expect((await read(env.app, stdout.trim())).statusCode).toBe(200);
    await expect(
      token('--role', 'auditor', '--org', 'audit', '--division', '150100', '--lifetime', '3h'),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('JWT_MAX_LIFETIME_SECONDS') });
  }, 60_000);

  it('refuses a department code that is not one of the 11', async () => {
    await expect(token('--role', 'department', '--org', 'tax', '--division', '150100')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('public_security'),
    });
  }, 60_000);
});
