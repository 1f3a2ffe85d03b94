// 批量导入 in the browser: the CSV reader (quotes, BOM, CRLF) that counts a roster's rows before it
// is sent, the template (BOM, the Chinese headers the API reads, a made-up but valid ID number),
// what is caught before the upload, and each report row told as 成功 / 已存在 / 错误 with its reason.
import { describe, expect, it } from 'vitest';
import { ROSTER_COLUMNS as API_COLUMNS, ROSTER_COLUMN_WORDS } from '../../api/services/rosterRows.js';
import { BOM, parseCsv, toCsv } from '../../console/src/features/caseImport/csv';
import { previewOf, readRoster } from '../../console/src/features/caseImport/preview';
import { rowOutcome } from '../../console/src/features/caseImport/reasons';
import {
  EXAMPLE_ID_NUMBER,
  ROSTER_COLUMNS,
  TEMPLATE_HEADERS,
  headerProblems,
  templateCsv,
} from '../../console/src/features/caseImport/template';
import { checkIdNumber } from '../../console/src/shared/idNumber';

describe('parseCsv', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, a BOM, CRLF and LF, and skips empty lines', () => {
    const text = `${BOM}姓名,公民身份号码\r\n"王, ""小明""",1\r\n\r\n"两\r\n行",2\n3,"" \n`;
    expect(parseCsv(text)).toEqual({
      header: ['姓名', '公民身份号码'],
      rows: [
        ['王, "小明"', '1'],
        ['两\r\n行', '2'],
        ['3', ' '],
      ],
    });
  });

  it('reads a last row without a line end, and an empty text as no header', () => {
    expect(parseCsv('a,b\n1,2').rows).toEqual([['1', '2']]);
    expect(parseCsv('a,b\n1,')).toEqual({ header: ['a', 'b'], rows: [['1', '']] });
    expect(parseCsv('')).toEqual({ header: [], rows: [] });
  });

  it('names the line of a quote that never closes', () => {
    const parsed = parseCsv('a,b\n1,2\n"3,4\n5,6\n');
    expect(parsed.unterminatedQuoteAtLine).toBe(3);
    expect(parsed.rows).toEqual([['1', '2']]);
  });

  it('reads back what toCsv writes', () => {
    const rows = [
      ['a', 'b,c'],
      ['"q"', 'line\nbreak'],
      [' padded ', ''],
    ];
    const text = toCsv(rows);
    expect(text.startsWith(BOM)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const parsed = parseCsv(text);
    expect([parsed.header, ...parsed.rows]).toEqual([['a', 'b,c'], ...rows.slice(1)]);
  });
});

describe('the template', () => {
  it('has the Chinese headers the API reads, in its column order, a BOM and one example row', () => {
    expect(ROSTER_COLUMNS).toEqual(API_COLUMNS);
    expect(TEMPLATE_HEADERS).toEqual(API_COLUMNS.map((c) => ROSTER_COLUMN_WORDS[c]));
    const text = templateCsv('150102');
    expect(text.startsWith(BOM)).toBe(true);
    const parsed = parseCsv(text);
    expect(parsed.header).toEqual([...TEMPLATE_HEADERS]);
    expect(parsed.rows).toHaveLength(1);
    const example = Object.fromEntries(ROSTER_COLUMNS.map((c, i) => [c, parsed.rows[0]![i]]));
    expect(example).toMatchObject({ idNumber: EXAMPLE_ID_NUMBER, hukouType: '农村', division: '150102' });
  });

  it('writes an ID number that passes GB 11643 yet is plainly made up', () => {
    expect(checkIdNumber(EXAMPLE_ID_NUMBER)).toMatchObject({ status: 'valid', birthDate: '2008-01-01' });
    expect(EXAMPLE_ID_NUMBER.slice(14, 17)).toBe('000');
  });
});

describe('before the upload', () => {
  const header = TEMPLATE_HEADERS.join(',');
  const row = (id: string) => `青年,${id},农村,150102,,,,,,,`;

  it('counts the data rows of a roster whose header the import takes, by code or by word', () => {
    expect(previewOf(`${header}\r\n${row('150102200801010011')}\r\n\r\n${row('150102200801010038')}\r\n`)).toEqual({
      text: expect.any(String),
      rows: 2,
    });
    expect(previewOf('division,idNumber,name,hukouType\n150102,1,a,rural\n').rows).toBe(1);
  });

  it('names an unknown column and a missing required one', () => {
    expect(headerProblems(['姓名', '身份证', '户口性质'])).toEqual([
      { kind: 'unknown', position: 2, text: '身份证' },
      { kind: 'missing', column: 'idNumber' },
      { kind: 'missing', column: 'division' },
    ]);
  });

  it('stops a file with no rows or with the example row left in', () => {
    expect(previewOf(`${header}\r\n`).problem).toBe('noRows');
    expect(previewOf(templateCsv('150102')).problem).toBe('exampleLeft');
  });

  it('refuses a file that is not UTF-8 (a GBK export from Excel) before sending it', async () => {
    const gbk = new Uint8Array([0xd0, 0xd5, 0xc3, 0xfb, 0x0d, 0x0a]); // 姓名 in GBK
    expect(await readRoster(new Blob([gbk]))).toEqual({ problem: 'notUtf8' });
    const utf8 = await readRoster(new Blob([new TextEncoder().encode(`${BOM}${header}\r\n${row('1')}\r\n`)]));
    expect(utf8).toMatchObject({ rows: 1 });
    expect(utf8.text?.startsWith(BOM)).toBe(false);
  });
});

describe('the report', () => {
  const refused = (code: 'VALIDATION_FAILED' | 'CONFLICT' | 'INTERNAL', message: string, caseId?: string) =>
    rowOutcome({ row: 4, status: 'refused', ...(caseId ? { caseId } : {}), error: { code, message } });

  it('tells a created row with its case, and a duplicate as already existing with the case holding it', () => {
    expect(rowOutcome({ row: 1, status: 'created', caseId: 'case-a' })).toEqual({
      row: 1,
      outcome: 'created',
      caseId: 'case-a',
    });
    expect(refused('CONFLICT', 'this ID number already has an open case', 'case-b')).toEqual({
      row: 4,
      outcome: 'exists',
      caseId: 'case-b',
      reason: { key: 'caseImport.reasons.openCase' },
    });
    expect(refused('CONFLICT', 'idNumber appears again in this file (first at row 1)', 'case-a').reason).toEqual({
      key: 'caseImport.reasons.repeated',
      values: { row: 1 },
    });
  });

  it('reads the column and the rule of each refusal the API words', () => {
    const reason = (message: string) => refused('VALIDATION_FAILED', message).reason;
    expect(reason('idNumber: check digit is 1 but the first 17 digits require X (GB 11643 MOD 11-2)')).toEqual({
      key: 'registration.idNumber.checkDigit',
      values: { actual: '1', expected: 'X' },
    });
    expect(reason('idNumber: birth date ******** is not a real date')).toEqual({
      key: 'registration.idNumber.invalid',
    });
    expect(reason('hukouType is required')).toEqual({
      key: 'caseImport.reasons.required',
      values: { column: 'hukouType' },
    });
    expect(reason('hukouType must be one of urban, rural, pastoral')).toEqual({
      key: 'caseImport.reasons.notAllowed',
      values: { column: 'hukouType' },
    });
    expect(reason('disabilityGrade must be 1, 2, 3 or 4')?.key).toBe('caseImport.reasons.notAllowed');
    expect(reason('division: 150202 is not within your jurisdiction 150102')?.key).toBe(
      'caseImport.reasons.outsideJurisdiction',
    );
    expect(reason('division: 150199 is not a GB/T 2260 division of Inner Mongolia')?.key).toBe(
      'caseImport.reasons.unknownDivision',
    );
    expect(reason('bankName, bankAccountNo and bankAccountHolder go together: give all three or none')?.key).toBe(
      'caseImport.reasons.bankTogether',
    );
    expect(reason('the row has 3 cells but the header has 4 columns')).toEqual({
      key: 'caseImport.reasons.cellCount',
      values: { cells: '3', columns: '4' },
    });
    expect(reason('the upload broke off: this row and the rest were not read')?.key).toBe('caseImport.reasons.notRead');
    expect(reason('inFullTimeEducationUntil: 2027-02-30 is not a real date')).toEqual({
      key: 'caseImport.reasons.invalid',
      values: { column: 'inFullTimeEducationUntil' },
    });
    expect(refused('INTERNAL', 'retry it')).toMatchObject({
      outcome: 'error',
      reason: { key: 'caseImport.reasons.retry' },
    });
  });
});
