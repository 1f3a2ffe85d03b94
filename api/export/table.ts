// A list written out as a table, CSV or .xlsx, while it is read: pages come from the database one
// at a time (keyset), each is written and let go, so memory stays flat however long the export.
// exceljs is imported on the first .xlsx export, so the API's start does not load it.
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import type { Position } from '../services/keyset.js';
import { type Cell, csvField, yuan } from './format.js';

export interface Column<R> {
  header: string;
  /** A money column's value is integer fen: CSV writes yuan with two decimals, .xlsx a number formatted 0.00. */
  money?: boolean;
  /** Width in characters in .xlsx. */
  width?: number;
  value: (row: R) => Cell;
}

/** Rows a page at a time in keyset order, at most `cap` in all. */
export async function* keysetPages<R>(
  fetchPage: (after: Position | null, limit: number) => Promise<R[]>,
  positionOf: (row: R) => Position,
  cap: number,
  pageSize = 500,
): AsyncGenerator<R[]> {
  let after: Position | null = null;
  let sent = 0;
  while (sent < cap) {
    const limit = Math.min(pageSize, cap - sent);
    const rows = await fetchPage(after, limit);
    if (rows.length > 0) yield rows;
    sent += rows.length;
    if (rows.length < limit) return;
    after = positionOf(rows[rows.length - 1]!);
  }
}

const csvLine = (cells: Cell[]) => `${cells.map(csvField).join(',')}\r\n`;

/** UTF-8 with a BOM (so Excel reads the Chinese), CRLF line ends, RFC 4180 quoting, header first. */
export async function* csvTable<R>(columns: Column<R>[], pages: AsyncIterable<R[]>): AsyncGenerator<string> {
  yield `\uFEFF${csvLine(columns.map((c) => c.header))}`;
  for await (const rows of pages)
    yield rows.map((r) => csvLine(columns.map((c) => (c.money ? yuan(c.value(r)) : c.value(r))))).join('');
}

/**
 * One worksheet, header row frozen, written by exceljs's streaming writer (rows committed as they
 * come, no shared strings table). Every text is a string cell, never a formula, so a name starting
 * with "=" is shown as typed. The writer is paused while the client has not taken what was written.
 */
export function xlsxTable<R>(columns: Column<R>[], pages: AsyncIterable<R[]>, sheetName: string): Readable {
  const out = new PassThrough();
  const write = async () => {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = columns.map((c, i) => ({
      header: c.header,
      key: String(i),
      width: c.width ?? Math.max(10, c.header.length * 2 + 2),
      ...(c.money ? { style: { numFmt: '0.00' } } : {}),
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for await (const rows of pages) {
      for (const r of rows) {
        const cells = columns.map((c) => {
          const v = c.value(r);
          return c.money && v !== null ? Number(v) / 100 : v;
        });
        sheet.addRow(cells).commit();
      }
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

export function tableStream<R>(
  format: 'csv' | 'xlsx',
  columns: Column<R>[],
  pages: AsyncIterable<R[]>,
  sheetName: string,
): Readable {
  return format === 'csv' ? Readable.from(csvTable(columns, pages)) : xlsxTable(columns, pages, sheetName);
}
