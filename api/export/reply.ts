// Sends a list export: the file's type and name, then the table streamed as it is read.
import type { FastifyReply } from 'fastify';
import { CSV_TYPE, XLSX_TYPE, exportFileName } from './format.js';
import { type Column, tableStream } from './table.js';

export function sendExport<R>(
  reply: FastifyReply,
  what: 'cases' | 'tasks',
  format: 'csv' | 'xlsx',
  columns: Column<R>[],
  pages: AsyncIterable<R[]>,
  sheetName: string,
): FastifyReply {
  reply
    .header('content-type', format === 'csv' ? CSV_TYPE : XLSX_TYPE)
    .header('content-disposition', `attachment; filename="${exportFileName(what, format)}"`)
    // A list of people: never kept by the browser or a proxy.
    .header('cache-control', 'no-store');
  // A stream is sent as it is (no serializer); the schema documents what it carries.
  return reply.send(tableStream(format, columns, pages, sheetName));
}
