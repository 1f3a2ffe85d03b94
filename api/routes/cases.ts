// Cases: registration and reading. Actions on a case live in caseActions.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

import { hasPermission } from '../../domain/access.js';
import { forbidden } from '../errors.js';
import { CaseParams, CaseView, RegisterCaseBody } from '../schemas/cases.js';
import { errorResponses } from '../schemas/common.js';
import { readCase } from '../services/caseViews.js';
import { registerCase } from '../services/registration.js';

export const caseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/v1/cases',
    {
      schema: {
        operationId: 'registerCase',
        tags: ['cases'],
        summary: 'register a youth and start the case (institution)',
        description:
          'The ID number must pass the GB 11643 check; birth date and sex are read from it. The institution comes from the token. ' +
          'Answers 409 CONFLICT with the existing caseId in error.details when that ID number already has an open case.',
        body: RegisterCaseBody,
        response: { 201: CaseView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      if (!hasPermission(principal, 'case.register')) throw forbidden('only a welfare institution registers youths');
      const caseId = await registerCase(app.db, app.temporal, principal, request.body);
      const view = await readCase(app.db, principal, caseId, request.id);
      return reply.status(201).header('location', `/v1/cases/${caseId}`).send(view);
    },
  );

  app.get(
    '/v1/cases/:caseId',
    {
      schema: {
        operationId: 'getCase',
        tags: ['cases'],
        summary: 'one case, with its tasks',
        description:
          'The ID number is masked unless the role needs it; every unmasked read is recorded in the audit trail.',
        params: CaseParams,
        response: { 200: CaseView, ...errorResponses },
      },
    },
    async (request) => readCase(app.db, request.principal, request.params.caseId, request.id),
  );
};
