// One row of the import's report as the page tells it: 成功, 已存在 (the ID number already has an
// open case, or appears earlier in the file) or 错误, and why in the catalogue's words. The API's
// messages are English and name the CSV column first ("hukouType is required"); they are read
// here for the column and the rule, never shown.
import type { paths } from '../../api/schema';
import { ROSTER_COLUMNS, type RosterColumn } from './template';

export type ImportReport = paths['/v1/cases/import']['post']['responses'][200]['content']['application/json'];
export type RowReport = ImportReport['rows'][number];

export type Outcome = 'created' | 'exists' | 'error';

/** A key of the catalogue's `caseImport.reasons` with its values, or of `registration.idNumber`. */
export interface Reason {
  key: string;
  values?: Record<string, string | number>;
}

export interface RowOutcome {
  row: number;
  outcome: Outcome;
  caseId?: string;
  reason?: Reason;
}

function columnOf(message: string): RosterColumn | undefined {
  const first = /^([A-Za-z]+)/.exec(message)?.[1];
  return ROSTER_COLUMNS.find((c) => c === first);
}

function validationReason(message: string): Reason {
  if (/were not read$/.test(message)) return { key: 'caseImport.reasons.notRead' };
  const cells = /^the row has (\d+) cells but the header has (\d+) columns/.exec(message);
  if (cells) return { key: 'caseImport.reasons.cellCount', values: { cells: cells[1]!, columns: cells[2]! } };
  if (/^disabilityCategory and disabilityGrade go together/.test(message))
    return { key: 'caseImport.reasons.disabilityTogether' };
  if (/^bankName, bankAccountNo and bankAccountHolder go together/.test(message))
    return { key: 'caseImport.reasons.bankTogether' };
  const column = columnOf(message);
  if (column === undefined) return { key: 'caseImport.reasons.invalidRow' };
  const values = { column };
  if (/^\w+ is required/.test(message)) return { key: 'caseImport.reasons.required', values };
  if (column === 'idNumber') {
    const check = /check digit is (\S+) but the first 17 digits require (\S+)/.exec(message);
    if (check) return { key: 'registration.idNumber.checkDigit', values: { actual: check[1]!, expected: check[2]! } };
    return { key: 'registration.idNumber.invalid' };
  }
  if (column === 'division') {
    if (/not within your jurisdiction/.test(message)) return { key: 'caseImport.reasons.outsideJurisdiction' };
    if (/not a GB\/T 2260 division/.test(message)) return { key: 'caseImport.reasons.unknownDivision' };
  }
  if (/must be one of|must be (\d, )+/.test(message)) return { key: 'caseImport.reasons.notAllowed', values };
  return { key: 'caseImport.reasons.invalid', values };
}

export function rowOutcome(r: RowReport): RowOutcome {
  const base = { row: r.row, ...(r.caseId ? { caseId: r.caseId } : {}) };
  if (r.status === 'created') return { ...base, outcome: 'created' };
  const error = r.error;
  if (error?.code === 'CONFLICT') {
    const first = /first at row (\d+)/.exec(error.message)?.[1];
    return {
      ...base,
      outcome: 'exists',
      reason: first
        ? { key: 'caseImport.reasons.repeated', values: { row: Number(first) } }
        : { key: 'caseImport.reasons.openCase' },
    };
  }
  if (error?.code === 'VALIDATION_FAILED')
    return { ...base, outcome: 'error', reason: validationReason(error.message) };
  return { ...base, outcome: 'error', reason: { key: 'caseImport.reasons.retry' } };
}
