// The export of a list (GET /v1/cases, GET /v1/tasks): the `format` parameter and the 200 answer's
// three media types. The JSON page keeps its schema; CSV and .xlsx are files, documented as text.
import { type TObject, type TProperties, type TSchema, Type } from 'typebox';
import { CSV_TYPE, EXPORT_FORMATS, EXPORT_ROW_CAP, XLSX_TYPE } from '../export/format.js';

export const ExportFormat = Type.Enum(EXPORT_FORMATS, {
  description:
    'json (the default): a page. csv or xlsx: every row the filters match as a file to download (limit and cursor ' +
    `ignored), at most ${EXPORT_ROW_CAP.toLocaleString('en')} rows (400 beyond). Also asked with the Accept header ` +
    `(text/csv, ${XLSX_TYPE}); this parameter wins.`,
});

/** The querystring of a list with its `format` parameter. */
export const withFormat = <P extends TProperties>(query: TObject<P>) =>
  Type.Object({ ...query.properties, format: Type.Optional(ExportFormat) }, { additionalProperties: false });

const CsvTable = (columns: string) =>
  Type.String({
    description:
      `UTF-8 with a BOM, CRLF line ends, RFC 4180 quoting; a header row of Chinese column names (${columns}), then one row per item, ` +
      "codes in the console's Chinese words, instants in Asia/Shanghai (YYYY-MM-DD HH:mm:ss), money in yuan with two decimals. " +
      'Text starting with = + - @, a tab or a carriage return is prefixed with an apostrophe so that no spreadsheet runs it as a formula.',
  });

const XlsxTable = Type.String({
  format: 'binary',
  description:
    'an Office Open XML workbook: one worksheet, the same header row and rows as the CSV (text as text cells, never formulas)',
});

/** The 200 answer of a list that exports: its JSON page, or the file. */
export function listOrExport(json: TSchema, description: string, columns: string) {
  return {
    description,
    content: {
      'application/json': { schema: json },
      [CSV_TYPE]: { schema: CsvTable(columns) },
      [XLSX_TYPE]: { schema: XlsxTable },
    },
  };
}
