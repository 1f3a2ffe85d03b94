// The identity-provider settings read from the environment: OIDC_* (refused when incomplete, the
// callback URL derived when unset, the claim names mapped) and JWT_JWKS_URL (a URL, and no shared
// secret required beside it in production).
import { describe, expect, it } from 'vitest';
import { authOptions, readConfig } from '../../bin/runtime/config.js';

const oidcEnv = {
  OIDC_ISSUER: 'https://idp.example.cn/realms/mz',
  OIDC_CLIENT_ID: 'resettlement',
  OIDC_CLIENT_SECRET: 'a-client-secret-of-32-characters!',
};

describe('OIDC_* and JWT_JWKS_URL', () => {
  it('is off without OIDC_ISSUER, and refuses an issuer without a client id and secret', () => {
    expect(readConfig({}).accounts.oidc).toBeUndefined();
    expect(() => readConfig({ OIDC_ISSUER: oidcEnv.OIDC_ISSUER })).toThrow(/OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/);
    expect(() => readConfig({ ...oidcEnv, OIDC_CLIENT_SECRET: 'short' })).toThrow(/at least 16/);
  });

  it('derives the callback URL from HOST and PORT unless set, and maps the claim names', () => {
    expect(readConfig({ ...oidcEnv, PORT: '3100' }).accounts.oidc).toMatchObject({
      redirectUrl: 'http://127.0.0.1:3100/auth/oidc/callback',
      afterSignIn: '/',
      scopes: 'openid profile',
      claims: {},
    });
    const set = readConfig({
      ...oidcEnv,
      OIDC_REDIRECT_URL: 'https://mz.example.cn/auth/oidc/callback',
      OIDC_CLAIM_ROLE: 'resettlement.role',
      OIDC_CLAIM_DIVISION: 'division_code',
    });
    expect(set.accounts.oidc).toMatchObject({
      redirectUrl: 'https://mz.example.cn/auth/oidc/callback',
      claims: { role: 'resettlement.role', division: 'division_code' },
    });
    expect(authOptions(set).oidc?.issuer).toBe(oidcEnv.OIDC_ISSUER);
  });

  it('takes JWT_JWKS_URL as a URL, and needs no JWT_SECRET beside it in production', () => {
    expect(() => readConfig({ JWT_JWKS_URL: 'not a url' })).toThrow(/JWT_JWKS_URL must be a URL/);
    expect(() => readConfig({ JWT_JWKS_URL: 'file:///etc/keys' })).toThrow(/http/);
    const jwks = 'https://idp.example.cn/realms/mz/protocol/openid-connect/certs';
    const production = authOptions(
      readConfig({ NODE_ENV: 'production', JWT_JWKS_URL: jwks, SEARCH_HASH_KEY: 'k'.repeat(32) }),
    );
    expect(production).toMatchObject({ jwksUrl: jwks });
    expect(production.jwtSecret).toBeUndefined();
    expect(() => authOptions(readConfig({ NODE_ENV: 'production', SEARCH_HASH_KEY: 'k'.repeat(32) }))).toThrow(
      /JWT_SECRET is required/,
    );
  });
});
