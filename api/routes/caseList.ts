// GET /v1/cases: the cases the caller may see, filtered and paged.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { hasPermission } from '../../domain/access.js';
import { forbidden } from '../errors.js';
import { CaseList, CaseListQuery } from '../schemas/caseList.js';
import { errorResponses } from '../schemas/common.js';
import { listCases } from '../services/caseList.js';

export const caseListRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/cases',
    {
      schema: {
        operationId: 'listCases',
        tags: ['cases'],
        summary: 'list the cases you may see, oldest first',
        description:
          'An institution sees its own youths; civil affairs, finance and auditors the cases of their jurisdiction and below; a department the cases ' +
          'on which it has a task in its jurisdiction. `division` must be within yours (400 otherwise). ID numbers are always masked here. ' +
          'Pages follow creation order; pass `nextCursor` back as `cursor` for the next one.',
        querystring: CaseListQuery,
        response: { 200: CaseList, ...errorResponses },
      },
    },
    async (request) => {
      if (!hasPermission(request.principal, 'case.list'))
        throw forbidden(`role ${request.principal.role} does not work cases`);
      return listCases(app.db, request.principal, request.query);
    },
  );
};
