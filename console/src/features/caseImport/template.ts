// The roster template: the Chinese headers the import takes (the API reads each column by its code
// or by these words, api/services/rosterRows.ts ROSTER_COLUMN_WORDS), and one example row whose
// ID number passes GB 11643 yet is plainly made up (sequence 000), so a file still holding it is
// caught before the upload.
import { zhCN } from '../../i18n/zh-CN';
import { computeCheckDigit } from '../../shared/idNumber';
import { toCsv } from './csv';

/** The columns in the order the API documents them (POST /v1/cases/import). */
export const ROSTER_COLUMNS = [
  'name',
  'idNumber',
  'hukouType',
  'division',
  'disabilityCategory',
  'disabilityGrade',
  'seriousIllness',
  'inFullTimeEducationUntil',
  'bankName',
  'bankAccountNo',
  'bankAccountHolder',
] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

/** The header the template writes, in Chinese whatever the page's language: the import reads these words. */
export const TEMPLATE_HEADERS: readonly string[] = ROSTER_COLUMNS.map((c) => zhCN.caseImport.columns[c]);

const EXAMPLE_FIRST17 = '15010220080101000';
/** A valid check digit on a made-up number: Hohhot's 新城区, born 2008-01-01, sequence 000. */
export const EXAMPLE_ID_NUMBER = EXAMPLE_FIRST17 + computeCheckDigit(EXAMPLE_FIRST17);

export function exampleRow(division: string): Record<RosterColumn, string> {
  const g = zhCN.glossary;
  return {
    name: zhCN.caseImport.template.exampleName,
    idNumber: EXAMPLE_ID_NUMBER,
    hukouType: g.hukou.rural,
    division,
    disabilityCategory: g.disability.physical,
    disabilityGrade: '2',
    seriousIllness: zhCN.caseImport.template.no,
    inFullTimeEducationUntil: '',
    bankName: '',
    bankAccountNo: '',
    bankAccountHolder: '',
  };
}

/** The template's text: BOM, the header, the example row, CRLF. */
export function templateCsv(division: string): string {
  const example = exampleRow(division);
  return toCsv([TEMPLATE_HEADERS, ROSTER_COLUMNS.map((c) => example[c])]);
}

/** Which column a header cell names (its code or its Chinese word), or undefined. */
export function columnOfHeader(cell: string): RosterColumn | undefined {
  const text = cell.trim();
  const byCode = ROSTER_COLUMNS.find((c) => c === text);
  return byCode ?? ROSTER_COLUMNS.find((c) => zhCN.caseImport.columns[c] === text);
}

const REQUIRED: readonly RosterColumn[] = ['name', 'idNumber', 'hukouType', 'division'];

export type HeaderProblem =
  { kind: 'unknown'; position: number; text: string } | { kind: 'missing'; column: RosterColumn };

/** What the import would refuse in this header, before sending it. */
export function headerProblems(header: readonly string[]): HeaderProblem[] {
  const problems: HeaderProblem[] = [];
  const found = new Set<RosterColumn>();
  header.forEach((cell, i) => {
    const column = columnOfHeader(cell);
    if (column === undefined) problems.push({ kind: 'unknown', position: i + 1, text: cell });
    else found.add(column);
  });
  for (const column of REQUIRED) if (!found.has(column)) problems.push({ kind: 'missing', column });
  return problems;
}
