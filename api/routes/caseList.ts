// GET /v1/cases: the cases the caller may see, filtered and paged; POST /v1/cases/search: the same,
// narrowed by a name or a full ID number carried in the body, so that neither travels in a URL.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { hasPermission } from '../../domain/access.js';
import { CASE_COLUMNS, casePages } from '../export/caseExport.js';
import { EXPORT_ROW_CAP, requestedFormat } from '../export/format.js';
import { sendExport } from '../export/reply.js';
import { forbidden } from '../errors.js';
import { CaseList, CaseListQuery, CaseSearchBody } from '../schemas/caseList.js';
import { errorResponses } from '../schemas/common.js';
import { listOrExport, withFormat } from '../schemas/export.js';
import { listCases } from '../services/caseList.js';
import { searchCases } from '../services/caseSearch.js';

export interface ListExportOptions {
  /** At most this many rows in one CSV or .xlsx export (default EXPORT_ROW_CAP). */
  exportRowCap?: number;
}

export const caseListRoutes: FastifyPluginAsyncTypebox<ListExportOptions> = async (app, opts) => {
  const cap = opts.exportRowCap ?? EXPORT_ROW_CAP;
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
          'Pages follow creation order; pass `nextCursor` back as `cursor` for the next one. ' +
          'With `format=csv` or `format=xlsx` (or that Accept header) every matching case comes as a file, streamed, oldest first, ' +
          'with the same scope and masking: `Content-Disposition: attachment; filename="cases-YYYYMMDD.csv"`.',
        querystring: withFormat(CaseListQuery),
        response: {
          200: listOrExport(
            CaseList,
            'a page of cases, or all of them as a CSV or .xlsx file',
            CASE_COLUMNS.map((c) => c.header).join(', '),
          ),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      if (!hasPermission(request.principal, 'case.list'))
        throw forbidden(`role ${request.principal.role} does not work cases`);
      const { format, ...query } = request.query;
      const wanted = requestedFormat(request, format);
      if (wanted === 'json') return listCases(app.db, request.principal, query);
      const pages = await casePages(app.db, request.principal, query, cap);
      return sendExport(reply as FastifyReply, 'cases', wanted, CASE_COLUMNS, pages, '个案');
    },
  );

  app.post(
    '/v1/cases/search',
    {
      schema: {
        operationId: 'searchCases',
        tags: ['cases'],
        summary: 'find cases by name or full ID number, answered like GET /v1/cases',
        description:
          'q is a name or part of one (at least 2 characters, case-insensitive substring), or a full 18-character ID number, matched ' +
          'exactly through its keyed hash. A partial ID number is 400. The other fields are the filters, page size and cursor of ' +
          'GET /v1/cases, with the same scope, masking and order. The search travels in the body so that a name or ID number is ' +
          'never in a URL, a proxy log or browser history; it is never logged.',
        body: CaseSearchBody,
        response: { 200: CaseList, ...errorResponses },
      },
    },
    async (request) => {
      if (!hasPermission(request.principal, 'case.list'))
        throw forbidden(`role ${request.principal.role} does not work cases`);
      return searchCases(app.db, request.principal, request.body);
    },
  );
};
