// Bearer tokens of an identity provider, verified with the keys of its JWKS URL (JWT_JWKS_URL),
// served here by a real HTTP server whose key set the test rotates: the new key is accepted
// without a restart, a removed key's tokens are refused, and HS256 tokens of `npm run token` keep
// working beside them. No algorithm confusion: the provider's public key is never an HMAC secret.
import { createHmac } from 'node:crypto';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type JWK, SignJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppWith } from '../support/accounts.js';
import { auditor } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>> & { kid: string; jwk: JWK };

let env: TestEnv;
let server: Server;
let jwksUrl: string;
/** What the provider serves now, and how often it was asked. */
let served: JWK[] = [];
let fetches = 0;
const apps: FastifyInstance[] = [];
let k1: KeyPair;
let k2: KeyPair;

async function keyPair(kid: string, alg = 'RS256'): Promise<KeyPair> {
  const pair = await generateKeyPair(alg, { extractable: true });
  return { ...pair, kid, jwk: { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' } };
}

const claims = { ...auditor('150100'), sub: 'idp|auditor-7' };
function providerToken(key: KeyPair, options: { expiresIn?: string; kid?: string; alg?: string } = {}) {
  return new SignJWT({ role: claims.role, org: claims.org, division: claims.division })
    .setProtectedHeader({ alg: options.alg ?? 'RS256', kid: options.kid ?? key.kid })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '1h')
    .sign(key.privateKey);
}
const me = (app: FastifyInstance, token: string) =>
  app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${token}` } });

beforeAll(async () => {
  env = await createTestEnv();
  [k1, k2] = await Promise.all([keyPair('key-2026-1'), keyPair('key-2026-2')]);
  server = createServer((req, res) => {
    fetches++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: served }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await new Promise((resolve) => server?.close(resolve));
  await env?.close();
});

async function providerApp(jwks: { cacheMaxAgeSeconds?: number; cooldownSeconds?: number }) {
  const app = await buildAppWith(env, { jwksUrl, jwks });
  apps.push(app);
  return app;
}

describe('JWT_JWKS_URL', () => {
  it("accepts the provider's tokens, and a rotated key without a restart; the removed key's tokens are refused", async () => {
    served = [k1.jwk];
    const app = await providerApp({ cooldownSeconds: 0 });
    const first = await me(app, await providerToken(k1));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ userId: 'idp|auditor-7', role: 'auditor', authentication: 'bearer' });

    // The provider rotates: only the new key is published.
    served = [k2.jwk];
    const before = fetches;
    expect((await me(app, await providerToken(k2))).statusCode).toBe(200);
    expect(fetches).toBeGreaterThan(before);
    const old = await me(app, await providerToken(k1));
    expect(old.statusCode).toBe(401);
    expect(old.json().error.message).toBe('token is invalid or forged');
  });

  it('stops accepting a removed key once the cached set is older than its cache age, even with no new token', async () => {
    served = [k1.jwk, k2.jwk];
    const app = await providerApp({ cacheMaxAgeSeconds: 1 });
    const token = await providerToken(k1);
    expect((await me(app, token)).statusCode).toBe(200);
    served = [k2.jwk];
    await new Promise((r) => setTimeout(r, 1500));
    expect((await me(app, token)).statusCode).toBe(401);
  });

  it('refuses forged, expired, unsigned and algorithm-confused tokens, and keeps HS256 tokens of npm run token', async () => {
    served = [k1.jwk, k2.jwk];
    const app = await providerApp({ cooldownSeconds: 0 });
    const stranger = await keyPair(k1.kid);
    expect((await me(app, await providerToken(stranger))).statusCode).toBe(401);
    const expired = await me(app, await providerToken(k1, { expiresIn: '-1m' }));
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toBe('token has expired');
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const body = b64({ ...claims, exp: Math.floor(Date.now() / 1000) + 600 });
    expect((await me(app, `${b64({ alg: 'none', kid: k1.kid })}.${body}.`)).statusCode).toBe(401);
    // HS256 signed with the provider's public key as the secret: the classic confusion.
    const pem = await exportSPKI(k1.publicKey);
    const confusedInput = `${b64({ alg: 'HS256', kid: k1.kid })}.${body}`;
    const confused = `${confusedInput}.${createHmac('sha256', pem).update(confusedInput).digest('base64url')}`;
    expect((await me(app, confused)).statusCode).toBe(401);
    // A token of a provider's key still obeys the claims rule and the lifetime cap.
    expect((await me(app, await providerToken(k1, { expiresIn: '13h' }))).statusCode).toBe(401);
    // npm run token's HS256 tokens, signed with JWT_SECRET, verify beside the provider's.
    expect((await me(app, env.token(auditor('150100')))).statusCode).toBe(200);
  });

  it('verifies with the provider alone when no shared secret is configured', async () => {
    served = [k1.jwk];
    const app = await buildAppWith(env, { jwksUrl, jwtSecret: undefined });
    apps.push(app);
    expect((await me(app, await providerToken(k1))).statusCode).toBe(200);
    expect((await me(app, env.token(auditor('150100')))).statusCode).toBe(401);
  });
});
