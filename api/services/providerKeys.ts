// An identity provider's signing keys, fetched from its JWKS URL (JWT_JWKS_URL) with jose's remote
// key set: a token whose `kid` is not among the keys held makes it fetch the set again (at most
// every 30 s), and the set is fetched anew once it is older than the cache age, so a provider that
// rotates its keys needs no restart here: the new key is found on its first token, and a key the
// provider removed stops verifying once the set is fetched again.
import { createRemoteJWKSet, jwtVerify } from 'jose';

/** Asymmetric algorithms only: a provider's public key must never be taken as an HMAC secret. */
export const PROVIDER_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'EdDSA'];

export interface ProviderKeyOptions {
  /** How long a fetched key set is used before it is fetched again; default 10 minutes. */
  cacheMaxAgeSeconds?: number;
  /** The least time between two fetches caused by unknown `kid`s; default 30 s. */
  cooldownSeconds?: number;
}

export type TokenVerifier = (token: string) => Promise<Record<string, unknown>>;

export function remoteKeyVerifier(jwksUrl: string, options: ProviderKeyOptions = {}): TokenVerifier {
  const keys = createRemoteJWKSet(new URL(jwksUrl), {
    cacheMaxAge: (options.cacheMaxAgeSeconds ?? 600) * 1000,
    cooldownDuration: (options.cooldownSeconds ?? 30) * 1000,
    timeoutDuration: 5000,
  });
  return async (token) => (await jwtVerify(token, keys, { algorithms: PROVIDER_ALGORITHMS })).payload;
}

/** The algorithm a compact JWS says it is signed with, without trusting anything else in it. */
export function tokenAlgorithm(token: string): string | null {
  try {
    const header: unknown = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'));
    const alg = (header as { alg?: unknown } | null)?.alg;
    return typeof alg === 'string' ? alg : null;
  } catch {
    return null;
  }
}
