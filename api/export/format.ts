// What an exported cell looks like, the same in CSV and .xlsx: dates and instants in Asia/Shanghai,
// money in yuan from integer fen, and, in CSV, text that a spreadsheet would run as a formula
// defused. Also which format a request asks for and the file's name.
import type { FastifyRequest } from 'fastify';
import { shanghaiDateOf } from '../../domain/shanghaiDates.js';

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CSV_TYPE = 'text/csv; charset=utf-8';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * At most this many rows in one export, so that one request cannot run (and hold a connection)
 * for ever; an export that would be longer is refused before its first byte (400) and asks for
 * narrower filters.
 */
export const EXPORT_ROW_CAP = 100_000;

/**
 * The format asked for: the `format` query parameter when given, else the first of text/csv, the
 * .xlsx type or JSON that the Accept header prefers (by q, then order). JSON when nothing matches.
 */
export function requestedFormat(request: FastifyRequest, format: ExportFormat | undefined): ExportFormat {
  if (format) return format;
  const accept = request.headers.accept;
  if (!accept) return 'json';
  const ranges = accept
    .split(',')
    .map((part, order) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      return { type, q: q ? Number(q.slice(2)) : 1, order };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { type } of ranges) {
    if (type === 'text/csv') return 'csv';
    if (type === XLSX_TYPE) return 'xlsx';
    if (type === 'application/json' || type === 'application/*' || type === '*/*') return 'json';
  }
  return 'json';
}

/** A cell: text, a number, or nothing. */
export type Cell = string | number | null;

/**
 * Text a spreadsheet would read as a formula (= + - @) or that starts with a tab or carriage
 * return gets a leading apostrophe, so that a name like "=HYPERLINK(...)" stays text (OWASP's
 * advice for CSV injection). Numbers are written as numbers and need none.
 */
export function defused(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, and its quotes doubled. */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  const s = typeof cell === 'number' ? String(cell) : defused(cell);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Integer fen as yuan with two decimals (123456 → "1234.56"), exact: no floating point. */
export function yuan(fen: number | string | null | undefined): string | null {
  if (fen === null || fen === undefined || fen === '') return null;
  const n = BigInt(fen);
  const sign = n < 0n ? '-' : '';
  const abs = n < 0n ? -n : n;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** An instant as Asia/Shanghai wall time, "2026-11-29 10:00:00" (UTC+8 all year, no DST). */
export function shanghaiTime(instant: string | Date | null | undefined): string | null {
  if (instant === null || instant === undefined) return null;
  const ms = new Date(instant).getTime();
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** "是" / "否". */
export const yesNo = (value: boolean): string => (value ? '是' : '否');

/** `cases-20261202.csv`: what and when (Asia/Shanghai), never whose. */
export function exportFileName(what: string, format: Exclude<ExportFormat, 'json'>, now = new Date()): string {
  return `${what}-${shanghaiDateOf(now).replace(/-/g, '')}.${format}`;
}
