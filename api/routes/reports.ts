// Reports for civil affairs, finance and auditors over their jurisdiction.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { hasPermission } from '../../domain/access.js';
import { forbidden } from '../errors.js';
import { errorResponses } from '../schemas/common.js';
import { Summary, SummaryQuery } from '../schemas/reports.js';
import { divisionWithin } from '../services/jurisdiction.js';
import { summarise } from '../services/reports.js';

export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/v1/reports/summary',
    {
      schema: {
        operationId: 'getReportSummary',
        tags: ['reports'],
        summary:
          'cases by stage and pathway, subsidy paid and owed by funding share and division, overdue tasks by department',
        description:
          'Civil affairs, finance and auditors, over their jurisdiction or a division within it. Every figure comes from one consistent snapshot.',
        querystring: SummaryQuery,
        response: { 200: Summary, ...errorResponses },
      },
    },
    async (request) => {
      if (!hasPermission(request.principal, 'reports.summary'))
        throw forbidden('only civil affairs, finance and auditors read the summary report');
      const division = await divisionWithin(app.db, request.principal, request.query.division);
      return summarise(app.db, division, request.principal.division);
    },
  );
};
