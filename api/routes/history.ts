// The audit trail: a case's history in order, its verification, and a jurisdiction's export.
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { type ChainAnchor, verifyChain } from '../../db/repositories/auditVerify.js';
import { hasPermission } from '../../domain/access.js';
import { forbidden } from '../errors.js';
import { errorResponses } from '../schemas/common.js';
import {
  ChainVerification,
  CsvExport,
  ExportQuery,
  HistoryPage,
  HistoryParams,
  HistoryQuery,
  NdjsonExport,
} from '../schemas/history.js';
import { csvExport, exportWindow, ndjsonExport } from '../services/auditExport.js';
import { caseInReach, readHistory } from '../services/history.js';

export interface HistoryRouteOptions {
  /**
   * The latest signed anchor of a chain (activities/auditAnchors.ts readLatestAnchors), where the
   * API can read the anchor file; without it, verification checks the chain and its head only.
   */
  anchorOf?: (chainId: string) => Promise<ChainAnchor | null>;
}

export const historyRoutes: FastifyPluginAsyncTypebox<HistoryRouteOptions> = async (app, opts) => {
  app.get(
    '/v1/cases/:caseId/history',
    {
      schema: {
        operationId: 'getCaseHistory',
        tags: ['audit'],
        summary: 'every event of the case in order (auditor, case parties)',
        description:
          'Who (sub, role, organisation, division), when, what and its data, each linked to the one before by its hash. ' +
          'Auditors over the division and parties to the case only; anyone else gets 404.',
        params: HistoryParams,
        querystring: HistoryQuery,
        response: { 200: HistoryPage, ...errorResponses },
      },
    },
    async (request) => {
      if (!hasPermission(request.principal, 'history.read'))
        throw forbidden(`role ${request.principal.role} does not read case histories`);
      await caseInReach(app.db, request.principal, request.params.caseId);
      return readHistory(app.db, request.params.caseId, request.query);
    },
  );

  app.get(
    '/v1/cases/:caseId/history/verify',
    {
      schema: {
        operationId: 'verifyCaseHistory',
        tags: ['audit'],
        summary: "proof the case's record was not altered (auditor)",
        description:
          'Recomputes every hash, checks each link and that seq runs 1..n, compares the tail with the chain head and the latest signed anchor. ' +
          'brokenAt names the first seq where the evidence shows an alteration, a deletion, an insertion, a reordering, or a rewrite since the last anchor.',
        params: HistoryParams,
        response: { 200: ChainVerification, ...errorResponses },
      },
    },
    async (request) => {
      if (!hasPermission(request.principal, 'history.verify'))
        throw forbidden('only an auditor verifies a case history');
      await caseInReach(app.db, request.principal, request.params.caseId);
      const anchor = opts.anchorOf ? await opts.anchorOf(request.params.caseId) : null;
      return verifyChain(app.db, request.params.caseId, anchor);
    },
  );

  app.get(
    '/v1/audit/export',
    {
      schema: {
        operationId: 'exportAudit',
        tags: ['audit'],
        summary: "a jurisdiction's audit events for a time window, as NDJSON or CSV (auditor)",
        description:
          'Every event of every chain (cases, subsidy standards) of the division and below, with `at` in [from, to), ordered by chain then seq, streamed. ' +
          'division defaults to your own and must be within it; the window may span at most 366 days.',
        querystring: ExportQuery,
        response: {
          200: {
            description: 'the events, streamed',
            content: {
              'application/x-ndjson': { schema: NdjsonExport },
              'text/csv; charset=utf-8': { schema: CsvExport },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      if (!hasPermission(request.principal, 'audit.export')) throw forbidden('only an auditor exports the audit trail');
      const window = await exportWindow(app.db, request.principal, request.query);
      const csv = request.query.format === 'csv';
      const name = `audit-${window.division}-${window.from.toISOString().slice(0, 10)}.${csv ? 'csv' : 'ndjson'}`;
      const body = Readable.from(csv ? csvExport(app.db, window) : ndjsonExport(app.db, window));
      reply
        .header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson')
        .header('content-disposition', `attachment; filename="${name}"`);
      // A stream is sent as it is (no serializer); the schema documents what it carries as text.
      return (reply as FastifyReply).send(body);
    },
  );
};
