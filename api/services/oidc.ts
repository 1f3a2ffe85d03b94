// Signing in through an OpenID Connect identity provider (OIDC_ISSUER): the authorization code flow
// with PKCE, state and nonce (openid-client), ending in the same session as a password sign-in.
//
// The login state (PKCE verifier, state, nonce) never travels in a URL beyond what the protocol
// puts there (the state and the code challenge): it is kept in a short-lived cookie, HttpOnly,
// path /auth/oidc, encrypted and authenticated with AES-256-GCM under a key derived from the client
// secret (so every API instance reads it, and nobody else can make or read one). SameSite=Lax,
// since the provider's redirect back is a navigation from another site that a Strict cookie would
// not accompany; the callback accepts it once (the cookie is cleared) and only within 10 minutes.
//
// The provider's claims map to role, org and division (OIDC_CLAIM_ROLE/ORG/DIVISION, dotted paths
// allowed), checked by the same rule as a bearer token's (domain/principalRules.ts). The account is
// found by issuer and subject, never by username (a provider's "admin" is not the local admin): made
// on the first sign-in without a password, and brought up to date with the claims at every later one.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { findUserByOidcIdentity, updateUserFields, type UserChanges } from '../../db/repositories/users.js';
import type { Db } from '../../db/database.js';
import type { UserRow } from '../../db/schema.js';
import { type Role, SYSTEM_PRINCIPAL } from '../../domain/access.js';
import { principalProblem } from '../../domain/principalRules.js';
import { DomainError } from '../errors.js';
import { USERNAME_PATTERN } from '../schemas/auth.js';
import { recordAccess } from './accessAudit.js';
import { checkPrincipalOf, createAccount } from './accounts.js';

export interface OidcOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: this API's /auth/oidc/callback, as the provider has it registered. */
  redirectUrl: string;
  /** Where the browser goes once signed in; default `/`. */
  afterSignIn?: string;
  /** Scopes asked for; default `openid profile`. */
  scopes?: string;
  /** Claim names (dotted paths into nested claims) of role, org, division and the display name. */
  claims?: Partial<Record<'role' | 'org' | 'division' | 'name', string>>;
}

export const OIDC_STATE_COOKIE = 'oidc_login';
export const OIDC_STATE_PATH = '/auth/oidc';
const STATE_LIFETIME_SECONDS = 600;

interface LoginState {
  verifier: string;
  state: string;
  nonce: string;
  /** Unix seconds after which the callback refuses it. */
  expires: number;
}

/** The refusal of a sign-in through the provider: 403 with what was wrong, never a token or a claim's value beyond the field. */
export const oidcRefused = (message: string, details: Record<string, unknown>) =>
  new DomainError('FORBIDDEN', `sign-in through the identity provider refused: ${message}`, details);

export class OidcSignIn {
  private config: Promise<client.Configuration> | null = null;
  private readonly key: Buffer;
  readonly claimNames: Record<'role' | 'org' | 'division' | 'name', string>;

  constructor(readonly options: OidcOptions) {
    this.key = Buffer.from(hkdfSync('sha256', options.clientSecret, 'orphan-resettlement', 'oidc-login-state', 32));
    this.claimNames = { role: 'role', org: 'org', division: 'division', name: 'name', ...options.claims };
  }

  /** The provider's metadata, discovered once (again after a failure, so a provider down at start is found later). */
  private configuration(): Promise<client.Configuration> {
    this.config ??= (async () => {
      const issuer = new URL(this.options.issuer);
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
      return client.discovery(
        issuer,
        this.options.clientId,
        undefined,
        client.ClientSecretBasic(this.options.clientSecret),
        // Plain HTTP only for a provider on this machine (development and tests).
        issuer.protocol === 'http:' && loopback ? { execute: [client.allowInsecureRequests] } : {},
      );
    })().catch((err: unknown) => {
      this.config = null;
      throw err;
    });
    return this.config;
  }

  /** The provider's authorization URL for a new sign-in, and the sealed state for the cookie. */
  async start(): Promise<{ url: string; cookie: string }> {
    const config = await this.configuration();
    const login: LoginState = {
      verifier: client.randomPKCECodeVerifier(),
      state: client.randomState(),
      nonce: client.randomNonce(),
      expires: Math.floor(Date.now() / 1000) + STATE_LIFETIME_SECONDS,
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.options.redirectUrl,
      scope: this.options.scopes ?? 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(login.verifier),
      code_challenge_method: 'S256',
      state: login.state,
      nonce: login.nonce,
    });
    return { url: url.href, cookie: this.seal(login) };
  }

  /**
   * The provider's answer at the callback: the code exchanged (with the verifier, the state and the
   * nonce checked) and its claims mapped, or a refusal.
   */
  async finish(
    query: string,
    sealed: string | undefined,
  ): Promise<{ issuer: string; subject: string; claims: Record<string, unknown> }> {
    const login = sealed ? this.unseal(sealed) : null;
    if (!login)
      throw new DomainError(
        'VALIDATION_FAILED',
        'this sign-in was not started here, or took longer than 10 minutes: start again at GET /auth/oidc/login',
        { field: OIDC_STATE_COOKIE },
      );
    const config = await this.configuration();
    const current = new URL(this.options.redirectUrl);
    current.search = query;
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: login.verifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      });
    } catch (err) {
      if (err instanceof client.AuthorizationResponseError)
        throw oidcRefused(`the identity provider answered ${err.error}`, { reason: err.error });
      if (err instanceof client.ResponseBodyError)
        throw oidcRefused(`the identity provider refused the code (${err.error})`, { reason: err.error });
      if (err instanceof client.ClientError)
        throw new DomainError('UNAUTHENTICATED', `the identity provider's answer did not verify: ${err.message}`);
      throw err;
    }
    const idClaims = tokens.claims()!;
    let claims: Record<string, unknown> = { ...idClaims };
    const wanted = [this.claimNames.role, this.claimNames.org, this.claimNames.division];
    if (wanted.some((name) => claimAt(claims, name) === undefined) && config.serverMetadata().userinfo_endpoint) {
      const info = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...info, ...idClaims };
    }
    return { issuer: idClaims.iss, subject: idClaims.sub, claims };
  }

  /** Role, org, division and display name from the claims, or 403 naming the claim that was wrong. */
  mapClaims(claims: Record<string, unknown>): { role: Role; org: string; division: string; displayName: string } {
    const n = this.claimNames;
    const role = oneRole(claimAt(claims, n.role));
    const org = claimAt(claims, n.org);
    const division = claimAt(claims, n.division);
    const problem = principalProblem({ role, org, division });
    if (problem)
      throw oidcRefused(`claim ${n[problem.field]}: ${problem.message}`, {
        claim: n[problem.field],
        field: problem.field,
      });
    const name = claimAt(claims, n.name) ?? claims.preferred_username ?? claims.sub;
    // eslint-disable-next-line no-control-regex -- control characters are what is taken out
    const displayName = typeof name === 'string' ? name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').slice(0, 100) : '';
    return {
      role: role as Role,
      org: org as string,
      division: division as string,
      displayName: displayName || String(claims.sub).slice(0, 100),
    };
  }

  private seal(login: LoginState): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(login), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  private unseal(sealed: string): LoginState | null {
    try {
      const raw = Buffer.from(sealed, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const login = JSON.parse(
        Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'),
      ) as LoginState;
      return login.expires > Date.now() / 1000 ? login : null;
    } catch {
      return null;
    }
  }
}

/** A claim by name, or by a dotted path into nested objects (e.g. `resettlement.role`). */
function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let node: unknown = claims;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** A role claim: a string, or a list holding exactly one of this product's roles. */
function oneRole(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const known = value.filter((v) => principalProblem({ role: v, org: 'x', division: '150000' })?.field !== 'role');
  return known.length === 1 ? known[0] : undefined;
}

/** A username for a new account of the provider: its preferred_username when that fits and is free, else one from the subject. */
function usernameFor(issuer: string, subject: string, claims: Record<string, unknown>): string[] {
  const fallback = `oidc.${createHash('sha256').update(`${issuer} ${subject}`).digest('hex').slice(0, 16)}`;
  const preferred = claims.preferred_username;
  return typeof preferred === 'string' && new RegExp(USERNAME_PATTERN).test(preferred)
    ? [preferred, fallback]
    : [fallback];
}

/**
 * The account of the provider's subject: made on its first sign-in (no password), its role, org,
 * division and name brought up to date from the claims afterwards (the provider is the source of
 * truth for them), each change on the access chain. A disabled account stays disabled: 403.
 */
export async function accountForSubject(
  db: Db,
  who: { issuer: string; subject: string; claims: Record<string, unknown> },
  mapped: ReturnType<OidcSignIn['mapClaims']>,
): Promise<UserRow> {
  await checkPrincipalOf(db, mapped).catch((err: unknown) => {
    if (err instanceof DomainError) throw oidcRefused(err.message, err.details as Record<string, unknown>);
    throw err;
  });
  let user = await findUserByOidcIdentity(db, who.issuer, who.subject);
  if (!user) {
    for (const username of usernameFor(who.issuer, who.subject, who.claims)) {
      try {
        user = (
          await createAccount(
            db,
            { username, ...mapped, oidc: { issuer: who.issuer, subject: who.subject } },
            'none',
            SYSTEM_PRINCIPAL,
          )
        ).user;
        break;
      } catch (err) {
        // The username is someone else's: try the next. The subject signed in twice at once: its account exists now.
        const raced = (err as { code?: unknown }).code === '23505';
        if (raced) user = await findUserByOidcIdentity(db, who.issuer, who.subject);
        if (user) break;
        if (!(err instanceof DomainError && err.code === 'CONFLICT')) throw err;
      }
    }
    if (!user) throw new Error('no username could be given to the identity provider account');
    return user;
  }
  if (user.disabled) throw oidcRefused('the account is disabled', { reason: 'user_disabled' });
  const changes: UserChanges = {};
  const changed: Record<string, unknown> = {};
  if (mapped.role !== user.role) [changes.role, changed.role] = [mapped.role, { from: user.role, to: mapped.role }];
  if (mapped.org !== user.org) [changes.org, changed.org] = [mapped.org, { from: user.org, to: mapped.org }];
  if (mapped.division !== user.division_code)
    [changes.division, changed.division] = [mapped.division, { from: user.division_code, to: mapped.division }];
  if (mapped.displayName !== user.display_name) [changes.displayName, changed.displayName] = [mapped.displayName, true];
  if (Object.keys(changes).length === 0) return user;
  const userId = user.user_id;
  await db.transaction().execute(async (trx) => {
    await updateUserFields(trx, userId, changes, SYSTEM_PRINCIPAL);
    await recordAccess(trx, 'access.user_updated', SYSTEM_PRINCIPAL, { userId, changed, by: 'identity_provider' });
  });
  return {
    ...user,
    role: mapped.role,
    org: mapped.org,
    division_code: mapped.division,
    display_name: mapped.displayName,
  };
}
