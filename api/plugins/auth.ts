// Who is calling: a bearer JWT (programs, scripts, an identity provider's tokens) or the session
// cookie of someone signed in (the console). Both end in the same `request.principal` (sub, role,
// org, division), so routes never know which; a session's principal is its user's, read afresh on
// every request, so a role changed or an account disabled counts at once.
//
// - Authorization present: the bearer token alone decides (a cookie beside it is ignored).
//   HS256 with the server's secret, or RS256 with an identity provider's key. The token must carry
//   `exp`, live no longer than the cap (exp - iat, or exp - now without iat; JWT_MAX_LIFETIME_SECONDS),
//   name a known role, and a `department` token one of the 11 department codes as its org.
// - Otherwise the session cookie. A write (POST, PUT, PATCH, DELETE) carried by it must send the
//   session's CSRF token in `x-csrf-token`, else 403. While the user must change the password, a
//   session reaches only routes whose config says `allowWhilePasswordMustChange` (GET /v1/me, the
//   password change, sign-out, GET /auth/session), else 403.
//
// The rate limiter keys on the same identification, so a request is identified once and both
// share the outcome (an RS256 signature check or a session read is the costliest step of a cheap
// read).
import cookie from '@fastify/cookie';
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Principal, Role } from '../../domain/access.js';
import { principalProblem } from '../../domain/principalRules.js';
import { DomainError, unauthenticated } from '../errors.js';
import type { OidcOptions } from '../services/oidc.js';
import { preparePasswordChecks } from '../services/passwords.js';
import { type ProviderKeyOptions, remoteKeyVerifier, tokenAlgorithm } from '../services/providerKeys.js';
import {
  DEFAULT_SESSION_SETTINGS,
  type LiveSession,
  SESSION_COOKIE,
  type SessionSettings,
  csrfMatches,
  lookUpSession,
} from '../services/sessions.js';
import { DEFAULT_LOCKOUT, DEFAULT_SIGN_IN_RATE_LIMIT, type SignInSettings } from '../services/signIn.js';

/** The longest bearer token lifetime accepted unless configured: a working day, as a session. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;

export interface AuthOptions {
  /** HS256 shared secret. */
  jwtSecret?: string;
  /** RS256 public key(s) (PEM) of an identity provider. */
  publicKey?: string;
  /**
   * An identity provider's JWKS URL (JWT_JWKS_URL): its tokens are verified with the keys found
   * there, fetched again as the provider rotates them. Beside jwtSecret, HS256 tokens still verify
   * with the secret (`npm run token`), every other algorithm with the provider's keys.
   */
  jwksUrl?: string;
  /** Sign-in through an OpenID Connect provider (GET /auth/oidc/login and /callback); off when unset. */
  oidc?: OidcOptions;
  /** How long a fetched JWKS is used before it is fetched again, and the least time between refetches. */
  jwks?: ProviderKeyOptions;
  /** The longest lifetime of a bearer token (exp - iat) accepted; default 12 h. */
  maxTokenLifetimeSeconds?: number;
  /** Session timeouts; default 30 min idle, 12 h absolute. */
  sessions?: Partial<SessionSettings>;
  /** Failures per username that lock it, and for how long; default 5 within 15 min. */
  lockout?: Partial<SignInSettings['lockout']>;
  /** Sign-in attempts per client address; default 20 a minute. */
  signInRateLimit?: Partial<SignInSettings['rateLimit']>;
}

/** How a request identified itself, or why it could not. */
export type Identity =
  | { kind: 'bearer'; principal: Principal }
  | { kind: 'session'; principal: Principal; session: LiveSession }
  | { kind: 'none'; principal: null; refusal: DomainError };

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    /** The session that carried this request; null for a bearer token. */
    session: LiveSession | null;
    /** The verification of this request's bearer token, once started: see `verifiedClaims`. */
    tokenVerification: Promise<Record<string, unknown>> | null;
    /** This request's identification, once started: see `identify`. */
    identification: Promise<Identity> | null;
    sessionLookup: Promise<Identity> | null;
  }
  interface FastifyInstance {
    /** Sets request.principal (and request.session), or throws the refusal in the error envelope. */
    authenticate(request: FastifyRequest, options?: { sessionOnly?: boolean }): Promise<void>;
    /** The request's verified token claims; rejects as `request.jwtVerify` does. Verifies at most once a request. */
    verifiedClaims(request: FastifyRequest): Promise<Record<string, unknown>>;
    /** Who the request says it is, never throwing; at most once a request. */
    identify(request: FastifyRequest): Promise<Identity>;
    signInSettings: SignInSettings;
  }
  interface FastifyContextConfig {
    /** The route serves a session whose user must change the password first. */
    allowWhilePasswordMustChange?: boolean;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function principalFrom(claims: Record<string, unknown>, maxLifetimeSeconds: number): Principal {
  const { sub, role, org, division, exp, iat } = claims;
  if (typeof sub !== 'string' || sub === '') throw unauthenticated('token has no sub claim');
  // The same rule as an account's (domain/principalRules.ts): no token makes a principal no account could be.
  const problem = principalProblem({ role, org, division });
  if (problem) throw unauthenticated(`token claim ${problem.field}: ${problem.message}`);
  if (typeof exp !== 'number') throw unauthenticated('token has no exp claim: every token must expire');
  // An iat in the future does not buy a longer life: the lifetime counts from now at the latest.
  const now = Math.floor(Date.now() / 1000);
  const from = typeof iat === 'number' ? Math.min(iat, now) : now;
  if (exp - from > maxLifetimeSeconds)
    throw unauthenticated(
      `token lives ${exp - from} s, longer than the ${maxLifetimeSeconds} s this server accepts (JWT_MAX_LIFETIME_SECONDS)`,
    );
  return { sub, role: role as Role, org: org as string, division: division as string };
}

const ENDED_SESSION: Record<string, string> = {
  unknown: 'the session is not valid: sign in again (POST /auth/login)',
  idle: 'the session ended after a time without use: sign in again (POST /auth/login)',
  absolute: 'the session reached its maximum length: sign in again (POST /auth/login)',
  user_disabled: 'the account is disabled',
};

export const authPlugin = fp<AuthOptions>(
  async (app: FastifyInstance, opts) => {
    if (opts.publicKey) {
      await app.register(fastifyJwt, { secret: { public: opts.publicKey }, verify: { algorithms: ['RS256'] } });
    } else if (opts.jwtSecret) {
      await app.register(fastifyJwt, {
        secret: opts.jwtSecret,
        sign: { algorithm: 'HS256' },
        verify: { algorithms: ['HS256'] },
      });
    } else if (!opts.jwksUrl) {
      throw new Error('authentication needs JWT_SECRET, JWT_JWKS_URL or an RS256 public key');
    }
    const provider = opts.jwksUrl ? remoteKeyVerifier(opts.jwksUrl, opts.jwks) : null;
    const hs256 = !opts.publicKey && opts.jwtSecret !== undefined;
    await app.register(cookie);
    const maxLifetime = opts.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
    const settings: SignInSettings = {
      sessions: { ...DEFAULT_SESSION_SETTINGS, ...opts.sessions },
      lockout: { ...DEFAULT_LOCKOUT, ...opts.lockout },
      rateLimit: { ...DEFAULT_SIGN_IN_RATE_LIMIT, ...opts.signInRateLimit },
    };
    app.decorate('signInSettings', settings);
    await preparePasswordChecks();

    app.decorateRequest('principal', undefined as unknown as Principal);
    app.decorateRequest('session', null);
    app.decorateRequest('tokenVerification', null);
    app.decorateRequest('identification', null);
    app.decorateRequest('sessionLookup', null);
    // The key follows the algorithm the token names, never the other way round: HS256 only with
    // the shared secret, anything else only with the provider's public keys.
    const verify = (request: FastifyRequest): Promise<Record<string, unknown>> => {
      if (!provider) return request.jwtVerify<Record<string, unknown>>();
      const token = /^Bearer (\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!token) return Promise.reject(new Error('no bearer token'));
      if (hs256 && tokenAlgorithm(token) === 'HS256') return request.jwtVerify<Record<string, unknown>>();
      return provider(token);
    };
    app.decorate('verifiedClaims', (request: FastifyRequest) => (request.tokenVerification ??= verify(request)));

    const bearer = async (request: FastifyRequest): Promise<Identity> => {
      let claims: Record<string, unknown>;
      try {
        claims = await app.verifiedClaims(request);
      } catch (err) {
        const expired =
          (err as { code?: unknown }).code === 'ERR_JWT_EXPIRED' ||
          (err instanceof Error && /expired/i.test(err.message));
        return {
          kind: 'none',
          principal: null,
          refusal: unauthenticated(expired ? 'token has expired' : 'token is invalid or forged'),
        };
      }
      try {
        return { kind: 'bearer', principal: principalFrom(claims, maxLifetime) };
      } catch (err) {
        return { kind: 'none', principal: null, refusal: err as DomainError };
      }
    };

    const fromCookie = (request: FastifyRequest): Promise<Identity> =>
      (request.sessionLookup ??= (async (): Promise<Identity> => {
        const secret = request.cookies[SESSION_COOKIE];
        if (!secret)
          return {
            kind: 'none',
            principal: null,
            refusal: unauthenticated('missing credentials: an Authorization: Bearer token or the session cookie'),
          };
        const found = await lookUpSession(app.db, secret, settings.sessions);
        if ('ended' in found)
          return { kind: 'none', principal: null, refusal: unauthenticated(ENDED_SESSION[found.ended]!) };
        return { kind: 'session', principal: found.live.principal, session: found.live };
      })());

    app.decorate(
      'identify',
      (request: FastifyRequest) =>
        (request.identification ??=
          request.headers.authorization !== undefined ? bearer(request) : fromCookie(request)),
    );

    app.decorate('authenticate', async (request: FastifyRequest, options: { sessionOnly?: boolean } = {}) => {
      const who = options.sessionOnly ? await fromCookie(request) : await app.identify(request);
      if (who.kind === 'none') throw who.refusal;
      if (who.kind === 'session') {
        if (WRITES.has(request.method) && !csrfMatches(who.session.secret, request.headers['x-csrf-token'] as string))
          throw new DomainError(
            'FORBIDDEN',
            "x-csrf-token: a write carried by the session cookie must send this session's CSRF token (from POST /auth/login or GET /auth/session)",
            { field: 'x-csrf-token' },
          );
        if (who.session.user.must_change_password && !request.routeOptions.config.allowWhilePasswordMustChange)
          throw new DomainError(
            'FORBIDDEN',
            'the password must be changed first (POST /auth/password); until then only GET /v1/me, the password change and sign-out are open',
            { reason: 'password_change_required' },
          );
      }
      request.principal = who.principal;
      request.session = who.kind === 'session' ? who.session : null;
    });
  },
  { name: 'auth', dependencies: ['services'] },
);
