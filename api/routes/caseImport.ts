// POST /v1/cases/import: an institution registers a roster of youths from a CSV file. The body is
// streamed straight into the parser (this plugin's own text/csv parser), never held whole.
import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { hasPermission } from '../../domain/access.js';
import { forbidden, validationFailed } from '../errors.js';
import { ImportReport, RosterCsv } from '../schemas/caseImport.js';
import { errorResponses } from '../schemas/common.js';
import { ROSTER_MAX_BYTES, importRoster } from '../services/caseImport.js';
import { startCase } from '../services/registration.js';

const isStream = (body: unknown): body is Readable => typeof (body as Readable | null)?.pipe === 'function';

export const caseImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser('text/csv', (request, payload, done) => {
    const charset = /charset=([^;\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8')
      return done(validationFailed(`content-type: the roster must be UTF-8, not ${charset}`), undefined);
    if (Number(request.headers['content-length'] ?? 0) > ROSTER_MAX_BYTES) {
      return done(
        validationFailed(`body: the CSV is larger than ${ROSTER_MAX_BYTES / 1024 / 1024} MB; split it`),
        undefined,
      );
    }
    done(null, payload);
  });

  app.post(
    '/v1/cases/import',
    {
      schema: {
        operationId: 'importCases',
        tags: ['cases'],
        summary:
          'register many youths from a CSV roster (institution); a report says what was created and what was refused and why',
        description:
          'Send `Content-Type: text/csv`. Each row is registered as POST /v1/cases would; a refused row writes nothing. An ID number that already has an ' +
          'open case, or that appears earlier in the file, is refused with CONFLICT and the caseId holding it. A malformed header answers 400 and ' +
          'registers nothing; a file that breaks off (malformed or too large) keeps the rows before the break and reports the rest as not read.',
        consumes: ['text/csv'],
        response: { 200: ImportReport, ...errorResponses },
      },
      // The body is a stream, so its schema is for the document only, not for validation.
      config: { swaggerTransform: ({ schema, url }) => ({ url, schema: { ...schema, body: RosterCsv } }) },
    },
    async (request) => {
      const principal = request.principal;
      if (!hasPermission(principal, 'case.register')) throw forbidden('only a welfare institution registers youths');
      if (!isStream(request.body)) throw validationFailed('body: send the roster as Content-Type: text/csv');
      return importRoster(request.body, {
        register: (body) => startCase(app.db, app.temporal, principal, body),
        onInternalError: (err, row) => {
          const e = err as { name?: string; code?: string; message?: string };
          request.log.error({ row, error: { name: e.name, code: e.code, message: e.message } }, 'roster row failed');
        },
      });
    },
  );
};
