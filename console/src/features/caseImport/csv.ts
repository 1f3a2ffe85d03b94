// CSV as RFC 4180 writes it and spreadsheets save it: quoted cells (a comma, a line break or a
// doubled quote inside), CRLF or LF line ends, an optional byte-order mark. The roster goes to the
// API as the file is; this reads it only to say before the upload how many rows it holds and
// whether its header is one the import takes, and writes the template.

export const BOM = '\uFEFF';

export interface ParsedCsv {
  /** The header row's cells, trimmed; empty when the text has no row at all. */
  header: string[];
  /** Every row after the header, except empty lines (which the import does not count either). */
  rows: string[][];
  /** Set when a quoted cell never closes: the rows before it are kept. */
  unterminatedQuoteAtLine?: number;
}

export function parseCsv(text: string): ParsedCsv {
  const input = text.startsWith(BOM) ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let quoteOpenedAt = 0;
  let i = 0;
  const endRecord = () => {
    record.push(cell);
    if (!(record.length === 1 && record[0] === '')) records.push(record);
    record = [];
    cell = '';
  };
  while (i < input.length) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      i++;
      continue;
    }
    if (c === '"' && cell === '') {
      quoted = true;
      quoteOpenedAt = line;
    } else if (c === ',') {
      record.push(cell);
      cell = '';
    } else if (c === '\r' || c === '\n') {
      endRecord();
      line++;
      if (c === '\r' && input[i + 1] === '\n') i++;
    } else {
      cell += c;
    }
    i++;
  }
  if (quoted) {
    const [header = [], ...rows] = records;
    return { header: header.map((h) => h.trim()), rows, unterminatedQuoteAtLine: quoteOpenedAt };
  }
  if (cell !== '' || record.length > 0) endRecord();
  const [header = [], ...rows] = records;
  return { header: header.map((h) => h.trim()), rows };
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Rows as CSV text with a byte-order mark (so Excel reads UTF-8) and CRLF line ends. */
export function toCsv(rows: ReadonlyArray<readonly string[]>): string {
  return BOM + rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}
