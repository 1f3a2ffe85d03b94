// One roster row (CSV cells) to the body of POST /v1/cases, checked by the same schema. Messages
// name the CSV column and the rule, never a cell's value: a roster is full of names and ID numbers.
import { Value } from 'typebox/value';
import type { ErrorCode } from '../../domain/errorCodes.js';
import { validationFailed } from '../errors.js';
import { RegisterCaseBody } from '../schemas/cases.js';

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
type Column = (typeof ROSTER_COLUMNS)[number];

/**
 * The Chinese header each column may also carry: the words of the console's registration form,
 * which its 批量导入 template writes (console/src/i18n/zh-CN.ts `caseImport.columns`).
 */
export const ROSTER_COLUMN_WORDS: Readonly<Record<Column, string>> = {
  name: '姓名',
  idNumber: '公民身份号码',
  hukouType: '户口性质',
  division: '所属行政区划',
  disabilityCategory: '残疾类别',
  disabilityGrade: '残疾等级',
  seriousIllness: '患有重病',
  inFullTimeEducationUntil: '在校就读至',
  bankName: '开户行',
  bankAccountNo: '账号',
  bankAccountHolder: '户名',
};
const COLUMN_OF_WORD = new Map<string, Column>(
  Object.entries(ROSTER_COLUMN_WORDS).map(([column, word]) => [word, column as Column]),
);

/** The glossary's words a cell may carry instead of a code (城镇 for urban, 肢体 for physical). */
export const ROSTER_VALUE_WORDS = {
  hukouType: { 城镇: 'urban', 农村: 'rural', 牧区: 'pastoral' },
  disabilityCategory: {
    视力: 'visual',
    听力: 'hearing',
    言语: 'speech',
    肢体: 'physical',
    智力: 'intellectual',
    精神: 'mental',
    多重: 'multiple',
  },
} as const satisfies Partial<Record<Column, Record<string, string>>>;
const codeOf = (column: keyof typeof ROSTER_VALUE_WORDS, value: string | undefined): string | undefined =>
  value === undefined ? undefined : ((ROSTER_VALUE_WORDS[column] as Record<string, string>)[value] ?? value);

const REQUIRED: readonly Column[] = ['name', 'idNumber', 'hukouType', 'division'];

/** Where each body field comes from, to name the column in a message. */
const COLUMN_OF_PATH: Record<string, Column> = {
  '/person/name': 'name',
  '/person/idNumber': 'idNumber',
  '/person/hukouType': 'hukouType',
  '/division': 'division',
  '/person/disability/category': 'disabilityCategory',
  '/person/disability/grade': 'disabilityGrade',
  '/person/seriousIllness': 'seriousIllness',
  '/person/inFullTimeEducationUntil': 'inFullTimeEducationUntil',
  '/person/bankAccount/bank': 'bankName',
  '/person/bankAccount/accountNo': 'bankAccountNo',
  '/person/bankAccount/holder': 'bankAccountHolder',
};
const COLUMN_OF_FIELD: Record<string, Column> = Object.fromEntries(
  Object.entries(COLUMN_OF_PATH).map(([path, column]) => [path.slice(1).replace(/\//g, '.'), column]),
);

export interface RowError {
  code: ErrorCode;
  message: string;
}

export type Header = ReadonlyMap<Column, number>;

/**
 * The header row: known columns (by code or by their Chinese word) in any order; the four required
 * ones present. Refuses by position.
 */
export function readHeader(cells: readonly string[]): Header {
  const header = new Map<Column, number>();
  cells.forEach((raw, i) => {
    const text = raw.trim();
    const name = (ROSTER_COLUMNS as readonly string[]).includes(text) ? (text as Column) : COLUMN_OF_WORD.get(text);
    if (name === undefined) {
      throw validationFailed(
        `header: column ${i + 1} is not one of ${ROSTER_COLUMNS.join(', ')} or ${Object.values(ROSTER_COLUMN_WORDS).join('、')} (is the header row missing?)`,
        { column: i + 1 },
      );
    }
    if (header.has(name)) throw validationFailed(`header: column ${name} appears twice`, { column: i + 1 });
    header.set(name, i);
  });
  for (const column of REQUIRED)
    if (!header.has(column)) throw validationFailed(`header: the required column ${column} is missing`);
  return header;
}

const TRUE = new Set(['true', 'yes', 'y', '1', '是']);
const FALSE = new Set(['false', 'no', 'n', '0', '否']);

/** The registration body of one row, or the first rule it breaks. */
export function rowToBody(header: Header, cells: readonly string[]): { body: RegisterCaseBody } | { error: RowError } {
  if (cells.length !== header.size)
    return refusal(`the row has ${cells.length} cells but the header has ${header.size} columns`);
  const cell = (c: Column): string | undefined => {
    const i = header.get(c);
    const v = i === undefined ? undefined : cells[i]?.trim();
    return v ? v : undefined;
  };
  for (const c of REQUIRED) if (cell(c) === undefined) return refusal(`${c} is required`);
  // U+0000 cannot be stored (see plugins/inputGuard.ts); UTF-8 decoding leaves no lone surrogates.
  for (const [c, i] of header)
    if (cells[i]?.includes('\u0000')) return refusal(`${c} must not contain the character U+0000`);

  const category = codeOf('disabilityCategory', cell('disabilityCategory'));
  const grade = cell('disabilityGrade');
  if ((category === undefined) !== (grade === undefined))
    return refusal('disabilityCategory and disabilityGrade go together: give both or neither');
  if (grade !== undefined && !/^[1-4]$/.test(grade)) return refusal('disabilityGrade must be 1, 2, 3 or 4');

  const illness = cell('seriousIllness')?.toLowerCase();
  if (illness !== undefined && !TRUE.has(illness) && !FALSE.has(illness))
    return refusal('seriousIllness must be true or false (also yes/no, 1/0, 是/否)');

  const bank = [cell('bankName'), cell('bankAccountNo'), cell('bankAccountHolder')] as const;
  const given = bank.filter((v) => v !== undefined).length;
  if (given !== 0 && given !== 3)
    return refusal('bankName, bankAccountNo and bankAccountHolder go together: give all three or none');

  const until = cell('inFullTimeEducationUntil');
  const body = {
    person: {
      name: cell('name'),
      idNumber: cell('idNumber'),
      hukouType: codeOf('hukouType', cell('hukouType')),
      ...(category !== undefined ? { disability: { category, grade: Number(grade) } } : {}),
      ...(illness !== undefined ? { seriousIllness: TRUE.has(illness) } : {}),
      ...(until !== undefined ? { inFullTimeEducationUntil: until } : {}),
      ...(given === 3 ? { bankAccount: { bank: bank[0], accountNo: bank[1], holder: bank[2] } } : {}),
    },
    division: cell('division'),
  };
  const issues = Value.Errors(RegisterCaseBody, body);
  const issue = issues.find((e) => COLUMN_OF_PATH[e.instancePath] !== undefined) ?? issues[0];
  if (issue) {
    const allowed =
      issue.keyword === 'enum' ? (issue.params as { allowedValues?: unknown[] }).allowedValues : undefined;
    return refusal(
      `${COLUMN_OF_PATH[issue.instancePath] ?? 'row'} ${allowed ? `must be one of ${allowed.join(', ')}` : issue.message}`,
    );
  }
  return { body: body as RegisterCaseBody };
}

/**
 * A registration refusal in the roster's terms: the JSON field becomes the CSV column, and a long
 * digit run (a birth date read from the ID number) is masked.
 */
export function rowRefusal(code: ErrorCode, message: string): RowError {
  const renamed = message.replace(/^([A-Za-z.]+):/, (whole, field: string) =>
    COLUMN_OF_FIELD[field] ? `${COLUMN_OF_FIELD[field]}:` : whole,
  );
  return {
    code,
    message: renamed.startsWith('idNumber') ? renamed.replace(/\d{8,}/g, (d) => '*'.repeat(d.length)) : renamed,
  };
}

function refusal(message: string): { error: RowError } {
  return { error: { code: 'VALIDATION_FAILED', message } };
}
