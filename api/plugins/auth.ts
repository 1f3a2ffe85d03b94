// Bearer JWTs: HS256 with the server's secret, or RS256 keys from an identity provider's JWKS.
// Every /v1 route runs `authenticate`; the verified claims become `request.principal`. The rate
// limiter keys on the same verified claims, so a request's token is verified once and both share
// the outcome (an RS256 signature check is the costliest step of a cheap read).
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Principal, ROLES, type Role } from '../../domain/access.js';
import { unauthenticated } from '../errors.js';

export interface AuthOptions {
  /** HS256 shared secret. */
  jwtSecret?: string;
  /** RS256 public key(s) (PEM) of an identity provider, e.g. fetched from its JWKS. */
  publicKey?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
    /** The verification of this request's bearer token, once started: see `verifiedClaims`. */
    tokenVerification: Promise<Record<string, unknown>> | null;
  }
  interface FastifyInstance {
    authenticate(request: FastifyRequest): Promise<void>;
    /** The request's verified token claims; rejects as `request.jwtVerify` does. Verifies at most once a request. */
    verifiedClaims(request: FastifyRequest): Promise<Record<string, unknown>>;
  }
}

function principalFrom(claims: Record<string, unknown>): Principal {
  const { sub, role, org, division } = claims;
  if (typeof sub !== 'string' || sub === '') throw unauthenticated('token has no sub claim');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role))
    throw unauthenticated(`token role must be one of ${ROLES.join(', ')}`);
  if (typeof org !== 'string' || org === '') throw unauthenticated('token has no org claim');
  if (typeof division !== 'string' || !/^15\d{4}$/.test(division))
    throw unauthenticated('token division must be a GB/T 2260 code in Inner Mongolia (15xxxx)');
  return { sub, role: role as Role, org, division };
}

export const authPlugin = fp<AuthOptions>(async (app: FastifyInstance, opts) => {
  if (opts.publicKey) {
    await app.register(fastifyJwt, { secret: { public: opts.publicKey }, verify: { algorithms: ['RS256'] } });
  } else if (opts.jwtSecret) {
    await app.register(fastifyJwt, {
      secret: opts.jwtSecret,
      sign: { algorithm: 'HS256' },
      verify: { algorithms: ['HS256'] },
    });
  } else {
    throw new Error('authentication needs JWT_SECRET or an RS256 public key');
  }
  app.decorateRequest('principal', undefined as unknown as Principal);
  app.decorateRequest('tokenVerification', null);
  app.decorate(
    'verifiedClaims',
    (request: FastifyRequest) => (request.tokenVerification ??= request.jwtVerify<Record<string, unknown>>()),
  );
  app.decorate('authenticate', async (request: FastifyRequest) => {
    if (!request.headers.authorization) throw unauthenticated('missing Authorization: Bearer token');
    let claims: Record<string, unknown>;
    try {
      claims = await app.verifiedClaims(request);
    } catch (err) {
      const expired = err instanceof Error && /expired/i.test(err.message);
      throw unauthenticated(expired ? 'token has expired' : 'token is invalid or forged');
    }
    request.principal = principalFrom(claims);
  });
});
