// Subsidy standards: everyone reads them; civil affairs proposes, finance co-signs.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DEFAULT_WEBHOOK_CONFIG } from '../../activities/webhooks/activities.js';
import { startWebhookDeliveries } from '../../activities/webhooks/start.js';
import { hasPermission } from '../../domain/access.js';
import { forbidden } from '../errors.js';
import { errorResponses } from '../schemas/common.js';
import {
  CosignBody,
  ProposeStandardBody,
  StandardList,
  StandardListQuery,
  StandardParams,
  SubsidyStandard,
} from '../schemas/subsidyStandards.js';
import { cosignStandard, listStandards, proposeStandard } from '../services/subsidyStandards.js';

export const subsidyStandardRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/subsidy-standards',
    {
      schema: {
        operationId: 'listSubsidyStandards',
        tags: ['subsidy standards'],
        summary: 'every version of the subsidy standards, in the order they were proposed',
        description:
          'The amount for a case is the effective standard in force on the approval date for its banner/county, else its league/city, else the region.',
        querystring: StandardListQuery,
        response: { 200: StandardList, ...errorResponses },
      },
    },
    async (request) => {
      if (!hasPermission(request.principal, 'standards.list'))
        throw forbidden(`role ${request.principal.role} may not read standards`);
      return listStandards(app.db, request.query);
    },
  );

  app.post(
    '/v1/subsidy-standards',
    {
      schema: {
        operationId: 'proposeSubsidyStandard',
        tags: ['subsidy standards'],
        summary: 'propose a standard for a division in your jurisdiction (civil affairs)',
        description:
          'It stays `proposed`, and changes no amount, until finance co-signs it. Recorded in the audit chain `subsidy-standards`.',
        body: ProposeStandardBody,
        response: { 201: SubsidyStandard, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!hasPermission(request.principal, 'standards.propose'))
        throw forbidden('only civil affairs proposes subsidy standards');
      const { client, taskQueue, webhookRetry = DEFAULT_WEBHOOK_CONFIG.retry } = app.temporal;
      const standard = await proposeStandard(app.db, request.principal, request.body, (ids) =>
        startWebhookDeliveries(client, taskQueue, ids, webhookRetry),
      );
      return reply.status(201).send(standard);
    },
  );

  app.post(
    '/v1/subsidy-standards/:id/cosign',
    {
      schema: {
        operationId: 'cosignSubsidyStandard',
        tags: ['subsidy standards'],
        summary: 'co-sign a proposed standard so it takes effect (finance)',
        description:
          'Only finance of a jurisdiction covering the standard’s division (403 otherwise). A standard already co-signed answers 409 CONFLICT, as does one whose ' +
          'division already has an effective standard from the same date. Recorded in the audit chain `subsidy-standards`.',
        params: StandardParams,
        body: CosignBody,
        response: { 200: SubsidyStandard, ...errorResponses },
      },
    },
    async (request) => {
      if (!hasPermission(request.principal, 'standards.cosign'))
        throw forbidden('only finance co-signs subsidy standards');
      return cosignStandard(app.db, request.principal, request.params.id);
    },
  );
};
