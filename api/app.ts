// The HTTP API as a plugin-built app that never listens: bin/api.ts listens, tests inject.
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Redis } from 'ioredis';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { Registry } from 'prom-client';
import type { Db } from '../db/database.js';
import { SHARED_SCHEMAS, swaggerOptions } from './openapi.js';
import { type AuthOptions, authPlugin } from './plugins/auth.js';
import { type ConsoleOptions, consolePlugin } from './plugins/console.js';
import { envelope, errorHandlerPlugin } from './plugins/errorHandler.js';
import { idempotencyPlugin } from './plugins/idempotency.js';
import { inputGuardPlugin } from './plugins/inputGuard.js';
import { metricsPlugin } from './plugins/metrics.js';
import { type TemporalDeps, servicesPlugin } from './plugins/services.js';
import { calendarRoutes } from './routes/calendar.js';
import { policyRoutes } from './routes/policies.js';
import { caseActionRoutes } from './routes/caseActions.js';
import { caseImportRoutes } from './routes/caseImport.js';
import { caseListRoutes } from './routes/caseList.js';
import { caseRoutes } from './routes/cases.js';
import { type HealthOptions, healthRoutes } from './routes/health.js';
import { authRoutes } from './routes/auth.js';
import { oidcRoutes } from './routes/oidc.js';
import { type HistoryRouteOptions, historyRoutes } from './routes/history.js';
import { meRoutes } from './routes/me.js';
import { notificationRoutes } from './routes/notifications.js';
import { webhookRoutes } from './routes/webhooks.js';
import { reportRoutes } from './routes/reports.js';
import { subsidyStandardRoutes } from './routes/subsidyStandards.js';
import { taskRoutes } from './routes/tasks.js';
import { userRoutes } from './routes/users.js';

export interface AppOptions {
  db: Db;
  temporal: TemporalDeps;
  auth: AuthOptions;
  /** The latest signed anchor of an audit chain, so verification also catches a consistent rewrite. */
  anchorOf?: HistoryRouteOptions['anchorOf'];
  logger?: FastifyServerOptions['logger'];
  /**
   * Requests per caller (token subject, else client IP) per window; default 600 a minute. Counted
   * in `redis` when given (shared by every API instance), else in this process's memory.
   */
  rateLimit?: { max?: number; timeWindow?: number | string; redis?: Redis };
  /** The process's Prometheus registry, which the entry point serves on its own port. */
  metrics?: Registry;
  /** What /readyz requires beyond PostgreSQL and Temporal answering. */
  readiness?: HealthOptions;
  /** Fastify's trustProxy: which proxies' X-Forwarded-For/-Proto to believe (TRUST_PROXY). */
  trustProxy?: boolean | string;
  /** Serve the built web console at `/` (api/plugins/console.ts). */
  console?: ConsoleOptions;
  /** At most this many rows in one CSV or .xlsx export of a list (default 100,000). */
  exportRowCap?: number;
}

/** The caller (token subject or signed-in user), else the client address: one bucket per person, not per proxy. */
async function rateLimitKey(app: FastifyInstance, request: FastifyRequest): Promise<string> {
  // Invalid credentials count against their address.
  const { principal } = await app.identify(request);
  return principal ? `sub:${principal.sub}` : `ip:${request.ip}`;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: () => crypto.randomUUID(),
    // The router's own refusals (a URL that is not UTF-8, an over-long parameter) in the envelope too.
    frameworkErrors: (error, request, reply) => {
      void (reply as FastifyReply)
        .code(400)
        .send(envelope('VALIDATION_FAILED', `the request URL cannot be read: ${error.message}`, request.id));
    },
    requestIdHeader: false,
    ajv: { customOptions: { allErrors: false, removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    bodyLimit: 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, { contentSecurityPolicy: false });
  await app.register(errorHandlerPlugin);
  await app.register(servicesPlugin, { db: options.db, temporal: options.temporal });
  // Before any route, so that every route's durations are recorded.
  await app.register(metricsPlugin, options.metrics ? { registry: options.metrics } : {});
  await app.register(authPlugin, options.auth);
  await app.register(rateLimit, {
    global: false,
    max: options.rateLimit?.max ?? 600,
    timeWindow: options.rateLimit?.timeWindow ?? '1 minute',
    keyGenerator: (request) => rateLimitKey(app, request),
    // One count for every API instance. Redis unreachable: requests pass unthrottled rather than
    // fail (the limit protects the service; it must not become the outage).
    ...(options.rateLimit?.redis
      ? { redis: options.rateLimit.redis, nameSpace: 'resettlement-rate-limit:', skipOnError: true }
      : {}),
    // Probes of load balancers and orchestrators are never throttled.
    allowList: (request) => request.url === '/healthz' || request.url === '/readyz',
  });
  // An app-wide hook rather than per route, so it runs before authentication: floods of bad
  // tokens and unknown URLs are throttled too.
  app.addHook('onRequest', app.rateLimit());
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);

  await app.register(swagger, swaggerOptions);
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(healthRoutes, options.readiness ?? {});
  await app.register(authRoutes);
  if (options.auth.oidc) await app.register(oidcRoutes, options.auth.oidc);
  await app.register(async (v1) => {
    v1.addHook('onRequest', async (request) => app.authenticate(request));
    await v1.register(inputGuardPlugin);
    await v1.register(idempotencyPlugin);
    await v1.register(meRoutes);
    await v1.register(caseRoutes);
    const exports = options.exportRowCap !== undefined ? { exportRowCap: options.exportRowCap } : {};
    await v1.register(caseListRoutes, exports);
    await v1.register(caseImportRoutes);
    await v1.register(caseActionRoutes);
    await v1.register(taskRoutes, exports);
    await v1.register(subsidyStandardRoutes);
    await v1.register(reportRoutes);
    await v1.register(calendarRoutes);
    await v1.register(policyRoutes);
    await v1.register(historyRoutes, options.anchorOf ? { anchorOf: options.anchorOf } : {});
    await v1.register(userRoutes);
    await v1.register(notificationRoutes);
    await v1.register(webhookRoutes);
  });
  if (options.console) await app.register(consolePlugin, options.console);
  return app;
}
