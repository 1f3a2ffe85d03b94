// Configuration comes only from the environment. Entry points read it once, here.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { OidcOptions } from '../../api/services/oidc.js';
import type { AuthOptions } from '../../api/plugins/auth.js';
import { CASE_TASK_QUEUE } from '../../workflows/case/definitions.js';
import { searchHashKey } from '../../db/idNumberHash.js';
import { DEFAULT_WEBHOOK_CONFIG, type WebhookConfig } from '../../activities/webhooks/activities.js';
import { DEFAULT_DIGEST_CONFIG, type DigestConfig } from '../../activities/digest/activities.js';

/**
 * Workflows the worker keeps in memory between their tasks; the rest are evicted and replayed when
 * they wake. Kept small because each cached case slows every other: each workflow keeps its own
 * AsyncLocalStorage instances enabled (the SDK's and OpenTelemetry's), and on Node.js 20 every
 * promise the workflow thread makes gets a property per enabled storage. Approving 600 cases that were not in the cache
 * cost 115, 112 and 151 ms a case with 50, 100 and 200 cached (bench/README.md, batch approval);
 * 100 holds the cases of the actions in flight, whose next workflow tasks follow within seconds.
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 100;

export interface Config {
  host: string;
  port: number;
  databaseUrl: string | undefined;
  temporalAddress: string | undefined;
  temporalNamespace: string;
  taskQueue: string;
  temporalTls: { certPath?: string; keyPath?: string; apiKey?: string } | null;
  jwtSecret: string | undefined;
  jwtPublicKeyPath: string | undefined;
  /** An identity provider's JWKS URL: its tokens verify with the keys found there (rotation needs no restart). */
  jwtJwksUrl: string | undefined;
  paymentGateway: 'manual' | 'http';
  paymentServiceUrl: string | undefined;
  maxCachedWorkflows: number;
  rateLimitPerMinute: number;
  /** Redis for the rate limit's counts, shared by every API instance; per process when unset. */
  redisUrl: string | undefined;
  logLevel: string;
  dataDir: string;
  production: boolean;
  auditAnchorFile: string;
  auditAnchorKey: string | undefined;
  auditAnchorIntervalSeconds: number;
  /** This process's Prometheus endpoint (prom-client), on HOST; off when unset. */
  metricsPort: number | undefined;
  /** The Temporal SDK's own Prometheus endpoint of a worker process, on HOST; off when unset. */
  temporalMetricsPort: number | undefined;
  /** /readyz fails when no worker has polled the task queue for this long. */
  readyWorkerWindowSeconds: number;
  accounts: AccountsConfig;
  /** Webhook deliveries (README, "Webhooks"). */
  webhooks: WebhookConfig;
  /** The daily e-mail digest (README, "E-mail digest"): off without SMTP_URL. */
  digest: DigestConfig & { cron: string };
}

/** DIGEST_CRON's default: 08:00 every day, Asia/Shanghai. */
export const DEFAULT_DIGEST_CRON = '0 8 * * *';

function smtpUrl(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error('SMTP_URL must be a URL such as smtp://user:password@mail.example.gov.cn:587');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new Error('SMTP_URL must be an smtp:// or smtps:// URL');
  return raw;
}

function cron(raw: string | undefined): string {
  if (raw === undefined || raw === '') return DEFAULT_DIGEST_CRON;
  if (raw.trim().split(/\s+/).length !== 5)
    throw new Error(`DIGEST_CRON must be a five-field cron expression (minute hour day month weekday), got ${raw}`);
  return raw.trim();
}

function optionalPort(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new Error(`${name} must be a port number (1-65535), got ${raw}`);
  return n;
}

/** Sign-in, sessions and bearer tokens (README, "Sign in"). */
export interface AccountsConfig {
  initialAdminPassword: string | undefined;
  /** Sign-in through an OpenID Connect provider (OIDC_*); undefined when OIDC_ISSUER is unset. */
  oidc: OidcOptions | undefined;
  /** Fastify's trustProxy: false, true, or the proxies' addresses/CIDRs, comma-separated. */
  trustProxy: boolean | string;
  sessionIdleTimeoutSeconds: number;
  sessionAbsoluteTimeoutSeconds: number;
  jwtMaxLifetimeSeconds: number;
  signInRateLimitPerMinute: number;
}

function trustProxy(raw: string | undefined): boolean | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  return raw;
}

function jwksUrl(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`JWT_JWKS_URL must be a URL, got ${raw}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('JWT_JWKS_URL must be an http(s) URL');
  return url.toString();
}

/** OIDC_ISSUER and what goes with it, or undefined without it. */
function oidcConfig(env: NodeJS.ProcessEnv, host: string, port: number): OidcOptions | undefined {
  const issuer = env.OIDC_ISSUER;
  if (!issuer) return undefined;
  const clientId = env.OIDC_CLIENT_ID;
  const clientSecret = env.OIDC_CLIENT_SECRET;
  if (!clientId || !clientSecret)
    throw new Error('OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET (a confidential client of the provider)');
  if (clientSecret.length < 16) throw new Error('OIDC_CLIENT_SECRET must be at least 16 characters');
  const claims: NonNullable<OidcOptions['claims']> = {};
  for (const [field, name] of [
    ['role', 'OIDC_CLAIM_ROLE'],
    ['org', 'OIDC_CLAIM_ORG'],
    ['division', 'OIDC_CLAIM_DIVISION'],
    ['name', 'OIDC_CLAIM_NAME'],
  ] as const)
    if (env[name]) claims[field] = env[name];
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    issuer,
    clientId,
    clientSecret,
    // Behind a proxy, the provider must be given the public address: set OIDC_REDIRECT_URL.
    redirectUrl: env.OIDC_REDIRECT_URL || `http://${shownHost}:${port}/auth/oidc/callback`,
    afterSignIn: env.OIDC_AFTER_SIGN_IN_URL || '/',
    scopes: env.OIDC_SCOPES || 'openid profile',
    claims,
  };
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got ${raw}`);
  return n;
}

export function readConfig(env = process.env): Config {
  // Production refuses to start without SEARCH_HASH_KEY, rather than at its first registration.
  searchHashKey(env);
  const gateway = env.PAYMENT_GATEWAY ?? 'manual';
  if (gateway !== 'manual' && gateway !== 'http')
    throw new Error(`PAYMENT_GATEWAY must be manual or http, got ${gateway}`);
  if (gateway === 'http' && !env.PAYMENT_SERVICE_URL) throw new Error('PAYMENT_GATEWAY=http needs PAYMENT_SERVICE_URL');
  const tls =
    env.TEMPORAL_TLS_CERT || env.TEMPORAL_API_KEY
      ? {
          ...(env.TEMPORAL_TLS_CERT ? { certPath: env.TEMPORAL_TLS_CERT } : {}),
          ...(env.TEMPORAL_TLS_KEY ? { keyPath: env.TEMPORAL_TLS_KEY } : {}),
          ...(env.TEMPORAL_API_KEY ? { apiKey: env.TEMPORAL_API_KEY } : {}),
        }
      : null;
  return {
    host: env.HOST ?? '127.0.0.1',
    port: int(env, 'PORT', 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    temporalAddress: env.TEMPORAL_ADDRESS || undefined,
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? CASE_TASK_QUEUE,
    temporalTls: tls,
    jwtSecret: env.JWT_SECRET || undefined,
    jwtPublicKeyPath: env.JWT_PUBLIC_KEY_FILE || undefined,
    jwtJwksUrl: jwksUrl(env.JWT_JWKS_URL),
    paymentGateway: gateway,
    paymentServiceUrl: env.PAYMENT_SERVICE_URL || undefined,
    // About 0.6 MB of worker memory per cached case over an idle 240 MB (bench/results); evicted
    // cases replay when they wake. See DEFAULT_MAX_CACHED_WORKFLOWS for why it is small.
    maxCachedWorkflows: int(env, 'WORKER_MAX_CACHED_WORKFLOWS', DEFAULT_MAX_CACHED_WORKFLOWS),
    rateLimitPerMinute: int(env, 'RATE_LIMIT_PER_MINUTE', 600),
    redisUrl: env.REDIS_URL || undefined,
    logLevel: env.LOG_LEVEL ?? 'info',
    dataDir: resolve(env.DATA_DIR ?? '.data'),
    production: env.NODE_ENV === 'production',
    auditAnchorFile: resolve(env.AUDIT_ANCHOR_FILE || join(env.DATA_DIR ?? '.data', 'audit-anchors.ndjson')),
    auditAnchorKey: env.AUDIT_ANCHOR_KEY || undefined,
    auditAnchorIntervalSeconds: int(env, 'AUDIT_ANCHOR_INTERVAL_SECONDS', 86_400),
    metricsPort: optionalPort(env, 'METRICS_PORT'),
    temporalMetricsPort: optionalPort(env, 'TEMPORAL_METRICS_PORT'),
    // An idle worker's poll waits up to a minute on the server before it polls again, so the last
    // poll seen can be that old while the worker is fine: the window must be longer than that.
    readyWorkerWindowSeconds: int(env, 'READY_WORKER_WINDOW_SECONDS', 120),
    accounts: {
      initialAdminPassword: env.INITIAL_ADMIN_PASSWORD || undefined,
      oidc: oidcConfig(env, env.HOST ?? '127.0.0.1', int(env, 'PORT', 3000)),
      trustProxy: trustProxy(env.TRUST_PROXY),
      sessionIdleTimeoutSeconds: int(env, 'SESSION_IDLE_TIMEOUT_SECONDS', 30 * 60),
      sessionAbsoluteTimeoutSeconds: int(env, 'SESSION_ABSOLUTE_TIMEOUT_SECONDS', 12 * 3600),
      jwtMaxLifetimeSeconds: int(env, 'JWT_MAX_LIFETIME_SECONDS', 12 * 3600),
      signInRateLimitPerMinute: int(env, 'SIGN_IN_RATE_LIMIT_PER_MINUTE', 20),
    },
    digest: {
      smtpUrl: smtpUrl(env.SMTP_URL),
      from: env.MAIL_FROM || DEFAULT_DIGEST_CONFIG.from,
      consoleUrl: env.CONSOLE_URL || null,
      cron: cron(env.DIGEST_CRON),
    },
    webhooks: {
      timeoutMs: int(env, 'WEBHOOK_TIMEOUT_MS', DEFAULT_WEBHOOK_CONFIG.timeoutMs),
      consoleUrl: env.CONSOLE_URL || null,
      disableAfter: int(env, 'WEBHOOK_DISABLE_AFTER', DEFAULT_WEBHOOK_CONFIG.disableAfter),
      retry: {
        initialIntervalSeconds: int(
          env,
          'WEBHOOK_RETRY_INITIAL_SECONDS',
          DEFAULT_WEBHOOK_CONFIG.retry.initialIntervalSeconds,
        ),
        maximumIntervalSeconds: int(
          env,
          'WEBHOOK_RETRY_MAX_SECONDS',
          DEFAULT_WEBHOOK_CONFIG.retry.maximumIntervalSeconds,
        ),
        maximumAttempts: int(env, 'WEBHOOK_MAX_ATTEMPTS', DEFAULT_WEBHOOK_CONFIG.retry.maximumAttempts),
      },
    },
  };
}

/**
 * The HS256 secret: JWT_SECRET, required in production; otherwise generated once and kept under
 * the data directory, where `npm run token` finds the same one.
 */
export function jwtSecret(config: Config): string {
  if (config.jwtSecret) {
    if (config.jwtSecret.length < 32) throw new Error('JWT_SECRET must be at least 32 characters');
    return config.jwtSecret;
  }
  if (config.production) throw new Error('JWT_SECRET is required when NODE_ENV=production');
  const file = join(config.dataDir, 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * The HMAC key signing the audit anchor file: AUDIT_ANCHOR_KEY, required in production (keep it
 * away from the database's administrators); otherwise generated once under the data directory.
 */
export function auditAnchorKey(config: Config): string {
  if (config.auditAnchorKey) {
    if (config.auditAnchorKey.length < 32) throw new Error('AUDIT_ANCHOR_KEY must be at least 32 characters');
    return config.auditAnchorKey;
  }
  if (config.production) throw new Error('AUDIT_ANCHOR_KEY is required when NODE_ENV=production');
  const file = join(config.dataDir, 'audit-anchor-key');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

export function authOptions(config: Config): AuthOptions {
  const a = config.accounts;
  return {
    ...(config.jwtPublicKeyPath
      ? { publicKey: readFileSync(config.jwtPublicKeyPath, 'utf8') }
      : // With a provider's JWKS, production needs no shared secret; given one, HS256 tokens verify too.
        config.jwtJwksUrl && config.production && !config.jwtSecret
        ? {}
        : { jwtSecret: jwtSecret(config) }),
    ...(config.jwtJwksUrl ? { jwksUrl: config.jwtJwksUrl } : {}),
    ...(a.oidc ? { oidc: a.oidc } : {}),
    maxTokenLifetimeSeconds: a.jwtMaxLifetimeSeconds,
    sessions: {
      idleTimeoutSeconds: a.sessionIdleTimeoutSeconds,
      absoluteTimeoutSeconds: a.sessionAbsoluteTimeoutSeconds,
    },
    signInRateLimit: { max: a.signInRateLimitPerMinute, timeWindow: '1 minute' },
  };
}
