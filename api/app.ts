// The HTTP API as a plugin-built app that never listens: bin/api.ts listens, tests inject.
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Db } from '../db/database.js';
import { type AuthOptions, authPlugin } from './plugins/auth.js';
import { errorHandlerPlugin } from './plugins/errorHandler.js';
import { servicesPlugin } from './plugins/services.js';
import { caseActionRoutes } from './routes/caseActions.js';
import { caseRoutes } from './routes/cases.js';
import { healthRoutes } from './routes/health.js';
import { taskRoutes } from './routes/tasks.js';
import { ErrorEnvelope } from './schemas/common.js';
import type { TemporalDeps } from './services/registration.js';

export interface AppOptions {
  db: Db;
  temporal: TemporalDeps;
  auth: AuthOptions;
  logger?: FastifyServerOptions['logger'];
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    ajv: { customOptions: { allErrors: false, removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, { contentSecurityPolicy: false });
  await app.register(errorHandlerPlugin);
  await app.register(servicesPlugin, { db: options.db, temporal: options.temporal });
  await app.register(authPlugin, options.auth);
  app.addSchema(ErrorEnvelope);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Orphan resettlement engine API',
        version: '1.0.0',
        description:
          'Resettlement of orphans of child welfare institutions who come of age (《内蒙古自治区儿童福利机构孤儿成年后安置办法》). ' +
          'Every error is {"error": {"code", "message", "details"}, "requestId"}. Money is integer fen.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  await app.register(healthRoutes);
  await app.register(async (v1) => {
    v1.addHook('onRequest', async (request) => app.authenticate(request));
    await v1.register(caseRoutes);
    await v1.register(caseActionRoutes);
    await v1.register(taskRoutes);
  });
  return app;
}
