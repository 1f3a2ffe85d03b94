// Sign-in through an OpenID Connect provider: a real `oidc-provider` (panva) on a free port, driven
// like a browser (fetch, a cookie jar, its login and consent forms), and the API's
// GET /auth/oidc/login and /callback ending in the same session cookie as POST /auth/login. The
// claims map to role, org and division under the bearer token rule; the account is the provider
// subject's, never a local account of the same username; the login state is in a cookie, not a URL.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_PRINCIPAL } from '../../domain/access.js';
import { disableUser } from '../../api/services/accounts.js';
import { buildAppWith, createTestUser, sessionCookieOf, sessionHeaders } from '../support/accounts.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

const REDIRECT = 'http://127.0.0.1:3000/auth/oidc/callback';
const CLIENT_SECRET = 'client-secret-of-the-resettlement-engine-0123456789';

/** The provider's people: their claims, as its administrator set them. */
const people: Record<string, Record<string, unknown>> = {
  'wang.li': {
    name: '王丽',
    preferred_username: 'wang.li',
    role: 'civil_affairs',
    org: 'civil_affairs',
    division: '150102',
  },
  'tax.clerk': { name: '税务', preferred_username: 'tax.clerk', role: 'department', org: 'tax', division: '150102' },
  'no.role': { name: '无角色', preferred_username: 'no.role', org: 'audit', division: '150100' },
  impostor: { name: '冒名', preferred_username: 'admin', role: 'auditor', org: 'audit', division: '150100' },
};

let env: TestEnv;
let app: FastifyInstance;
let server: Server;
let issuer: string;

beforeAll(async () => {
  env = await createTestEnv();
  let provider: Provider | null = null;
  server = createServer((req, res) => void provider!.callback()(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'resettlement',
        client_secret: CLIENT_SECRET,
        redirect_uris: [REDIRECT],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    findAccount: (_ctx, sub) => (people[sub] ? { accountId: sub, claims: () => ({ sub, ...people[sub] }) } : undefined),
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'role', 'org', 'division'] },
    // The profile claims in the ID token too (the API also reads the userinfo endpoint when they are not).
    conformIdTokenClaims: false,
    cookies: { keys: ['provider-cookie-key-0123456789abcdef'] },
  });
  app = await buildAppWith(env, {
    oidc: { issuer, clientId: 'resettlement', clientSecret: CLIENT_SECRET, redirectUrl: REDIRECT },
  });
});
afterAll(async () => {
  await app?.close();
  await new Promise((resolve) => server?.close(resolve));
  await env?.close();
});

/** A browser's cookie jar for the provider's site. */
class Jar {
  private cookies = new Map<string, string>();
  take(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** GET /auth/oidc/login on the API: where it sends the browser, and its login-state cookie. */
async function startLogin() {
  const res = await app.inject({ url: '/auth/oidc/login' });
  expect(res.statusCode, res.body).toBe(302);
  const cookie = res.headers['set-cookie'] ?? [];
  const raw = (Array.isArray(cookie) ? cookie : [cookie]).find((c) => c.startsWith('oidc_login='))!;
  return { location: String(res.headers.location), raw, value: raw.slice('oidc_login='.length).split(';')[0]! };
}

/** The browser at the provider: signs in as `sub`, consents, and is sent back to the API's callback. */
async function atProvider(authorizationUrl: string, sub: string): Promise<string> {
  const jar = new Jar();
  let url = authorizationUrl;
  let init: RequestInit = {};
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, cookie: jar.header() } });
    jar.take(res);
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url).href;
      if (next.startsWith(REDIRECT)) return next;
      [url, init] = [next, {}];
      continue;
    }
    const html = await res.text();
    expect(res.status, html.slice(0, 300)).toBe(200);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)![1]!;
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)![1]!;
    const body = new URLSearchParams(prompt === 'login' ? { prompt, login: sub, password: 'any' } : { prompt });
    [url, init] = [
      new URL(action, url).href,
      { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
    ];
  }
  throw new Error('the provider never sent the browser back');
}

const callback = (backUrl: string, stateCookie: string | null): Promise<LightMyRequestResponse> => {
  const u = new URL(backUrl);
  return app.inject({
    url: `${u.pathname}${u.search}`,
    ...(stateCookie !== null ? { cookies: { oidc_login: stateCookie } } : {}),
  });
};

async function signInAs(sub: string) {
  const login = await startLogin();
  const back = await atProvider(login.location, sub);
  return { login, back, res: await callback(back, login.value) };
}

describe('GET /auth/oidc/login', () => {
  it('sends the browser to the provider with PKCE, state and nonce, keeping the state in an HttpOnly cookie', async () => {
    const { location, raw } = await startLogin();
    const url = new URL(location);
    expect(url.origin).toBe(issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('redirect_uri')).toBe(REDIRECT);
    expect(url.searchParams.has('code_verifier')).toBe(false);
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Lax/i);
    expect(raw).toMatch(/Path=\/auth\/oidc/);
    // The cookie is sealed: neither the verifier nor the state can be read from it.
    const value = decodeURIComponent(raw.split(';')[0]!.split('=')[1]!);
    expect(value).not.toContain(url.searchParams.get('state')!);
    expect(Buffer.from(value, 'base64url').toString('latin1')).not.toContain('verifier');
  });
});

describe('GET /auth/oidc/callback', () => {
  it('ends in the same session as a password sign-in, for an account made for the provider subject', async () => {
    const { res, back } = await signInAs('wang.li');
    expect(res.statusCode, res.body).toBe(302);
    expect(res.headers.location).toBe('/');
    expect(new URL(back).searchParams.has('code')).toBe(true);
    const cookie = sessionCookieOf(res)!;
    expect(cookie.raw).toMatch(/HttpOnly/i);
    expect(cookie.raw).toMatch(/SameSite=Strict/i);
    const me = await app.inject({ url: '/v1/me', cookies: { session: cookie.value } });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({
      username: 'wang.li',
      displayName: '王丽',
      role: 'civil_affairs',
      org: 'civil_affairs',
      division: '150102',
      mustChangePassword: false,
      authentication: 'session',
    });
    // A write with the session needs its CSRF token, as for any session.
    const session = await app.inject({ url: '/auth/session', cookies: { session: cookie.value } });
    const write = await app.inject({
      method: 'POST',
      url: '/v1/subsidy-standards',
      headers: sessionHeaders({ secret: cookie.value, csrfToken: session.json().csrfToken }),
      payload: { division: '150102', amountFen: 6_000_000, effectiveFrom: '2032-01-01', basis: '会签文件' },
    });
    expect(write.statusCode, write.body).toBe(201);

    const user = await env.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'wang.li')
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ oidc_issuer: issuer, oidc_subject: 'wang.li', password_hash: null });
    const signedIn = await env.db
      .selectFrom('audit_events')
      .select('data')
      .where('chain_id', '=', 'access')
      .where('action', '=', 'access.signed_in')
      .execute();
    expect(signedIn.map((e) => e.data)).toContainEqual(
      expect.objectContaining({ userId: user.user_id, method: 'oidc' }),
    );
    // The account has no password: the password sign-in refuses it.
    const pw = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'wang.li', password: 'x' },
    });
    expect(pw.statusCode).toBe(401);
  });

  it("brings the account up to date with the provider's claims at the next sign-in", async () => {
    await signInAs('wang.li');
    people['wang.li'] = { ...people['wang.li'], role: 'auditor', org: 'audit', division: '150100' };
    const { res } = await signInAs('wang.li');
    expect(res.statusCode, res.body).toBe(302);
    const me = await app.inject({ url: '/v1/me', cookies: { session: sessionCookieOf(res)!.value } });
    expect(me.json()).toMatchObject({ username: 'wang.li', role: 'auditor', org: 'audit', division: '150100' });
    expect(
      await env.db.selectFrom('users').select('user_id').where('oidc_subject', '=', 'wang.li').execute(),
    ).toHaveLength(1);
  });

  it('refuses claims that make no valid account with 403 naming the claim, and makes no account', async () => {
    for (const [sub, claim] of [
      ['tax.clerk', 'org'],
      ['no.role', 'role'],
    ] as const) {
      const { res } = await signInAs(sub);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'FORBIDDEN', details: { claim } });
      expect(sessionCookieOf(res)?.value ?? '').toBe('');
      expect(await env.db.selectFrom('users').select('user_id').where('oidc_subject', '=', sub).execute()).toEqual([]);
    }
  });

  it('never signs a provider subject in as a local account of the same username', async () => {
    const local = await createTestUser(
      env.db,
      { role: 'admin', org: 'system', division: '150000' },
      { username: 'admin' },
    );
    const { res } = await signInAs('impostor');
    expect(res.statusCode, res.body).toBe(302);
    const me = (await app.inject({ url: '/v1/me', cookies: { session: sessionCookieOf(res)!.value } })).json();
    expect(me.userId).not.toBe(local.user.user_id);
    expect(me.role).toBe('auditor');
    expect(me.username).toMatch(/^oidc\.[0-9a-f]{16}$/);
  });

  it("refuses a callback without its login cookie, with another login's cookie, or replayed", async () => {
    const first = await startLogin();
    const back = await atProvider(first.location, 'wang.li');
    const bare = await callback(back, null);
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details.field).toBe('oidc_login');
    const forged = await callback(back, 'A'.repeat(80));
    expect(forged.statusCode).toBe(400);
    // The login cookie of a sign-in started by someone else (login CSRF): its state does not match.
    const other = await startLogin();
    const crossed = await callback(back, other.value);
    expect([401, 403]).toContain(crossed.statusCode);
    expect(sessionCookieOf(crossed)?.value ?? '').toBe('');
    // The right cookie once; the same code again is refused by the provider.
    expect((await callback(back, first.value)).statusCode).toBe(302);
    const replay = await callback(back, first.value);
    expect(replay.statusCode).toBe(403);
    expect(sessionCookieOf(replay)?.value ?? '').toBe('');
  });

  it('refuses a subject whose account an administrator disabled', async () => {
    await signInAs('wang.li');
    const user = await env.db
      .selectFrom('users')
      .select('user_id')
      .where('oidc_subject', '=', 'wang.li')
      .executeTakeFirstOrThrow();
    await disableUser(env.db, user.user_id, SYSTEM_PRINCIPAL);
    const { res } = await signInAs('wang.li');
    expect(res.statusCode).toBe(403);
    expect(res.json().error.details.reason).toBe('user_disabled');
  });
});
