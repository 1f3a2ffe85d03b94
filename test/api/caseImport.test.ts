// POST /v1/cases/import: a CSV roster, streamed, each row registered as POST /v1/cases would, with
// a per-row report that never quotes a name or an ID number. Over 250 lines: one route, whose
// every refusal a roster can meet (header, cells, duplicates, limits, broken uploads) is shown here.
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRoster } from '../../api/services/caseImport.js';
import { caseApi, eventually } from '../support/caseApi.js';
import {
  ROSTER_HEADER,
  civilAffairs,
  institution,
  rosterCsv,
  rosterRow,
  uniqueIdNumber,
  uniqueRegistration,
} from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
let api: ReturnType<typeof caseApi>;
const inst = institution('inst-hohhot-1', '150102');

beforeAll(async () => {
  env = await createTestEnv();
  api = caseApi(env);
});
afterAll(async () => env?.close());

const upload = (payload: string | Readable, p = inst, headers: Record<string, string> = {}) =>
  env.app.inject({
    method: 'POST',
    url: '/v1/cases/import',
    headers: { authorization: `Bearer ${env.token(p)}`, 'content-type': 'text/csv', ...headers },
    payload,
  });
const countCases = async () =>
  Number(
    (
      await env.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const wrongCheckDigit = (id: string) => id.slice(0, 17) + (id[17] === '1' ? '2' : '1');

describe('POST /v1/cases/import', () => {
  it('registers good rows and refuses bad and duplicate ones, each by row, reading a BOM', async () => {
    const existing = await api.register(inst, uniqueRegistration('150102'));
    const existingId = existing.person.idNumber as string;
    const good = rosterRow('150102');
    const full = rosterRow('150102', {
      name: '王, "小明"',
      hukouType: 'pastoral',
      disabilityCategory: 'physical',
      disabilityGrade: '2',
      seriousIllness: '是',
      inFullTimeEducationUntil: '2027-07-01',
      bankName: '内蒙古农村信用社',
      bankAccountNo: '6229001234567890',
      bankAccountHolder: '王小明',
    });
    const rows = [
      good,
      rosterRow('150102', { idNumber: wrongCheckDigit(uniqueIdNumber()) }),
      rosterRow('150199'),
      rosterRow('150102', { hukouType: '' }),
      { ...good, name: '重复的人' },
      rosterRow('150102', { idNumber: existingId, name: '改过的名字' }),
      full,
      rosterRow('150202'),
      rosterRow('150102', { bankName: '中国银行' }),
      rosterRow('150102', { disabilityCategory: 'visual', disabilityGrade: '5' }),
      rosterRow('150102', { hukouType: 'nomadic' }),
      rosterRow('150102', { name: '名\u0000字' }),
    ];
    const before = await countCases();
    const res = await upload(rosterCsv(rows, { bom: true }));
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ created: 2, refused: 10 });
    expect(report.rows.map((r: { row: number; status: string }) => [r.row, r.status])).toEqual([
      [1, 'created'],
      [2, 'refused'],
      [3, 'refused'],
      [4, 'refused'],
      [5, 'refused'],
      [6, 'refused'],
      [7, 'created'],
      [8, 'refused'],
      [9, 'refused'],
      [10, 'refused'],
      [11, 'refused'],
      [12, 'refused'],
    ]);
    const [r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12] = report.rows;
    expect(r1.caseId).toMatch(/^case-/);
    expect(r2.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/^idNumber: check digit is \w but the first 17 digits require \w/),
    });
    expect(r3.error.message).toBe('division: 150199 is not a GB/T 2260 division of Inner Mongolia');
    expect(r4.error.message).toBe('hukouType is required');
    expect(r5).toMatchObject({
      caseId: r1.caseId,
      error: { code: 'CONFLICT', message: 'idNumber appears again in this file (first at row 1)' },
    });
    expect(r6).toMatchObject({
      caseId: existing.caseId,
      error: { code: 'CONFLICT', message: 'this ID number already has an open case' },
    });
    expect(r8.error.message).toBe('division: 150202 is not within your jurisdiction 150102');
    expect(r9.error.message).toContain('bankName, bankAccountNo and bankAccountHolder go together');
    expect(r10.error.message).toBe('disabilityGrade must be 1, 2, 3 or 4');
    expect(r11.error.message).toBe('hukouType must be one of urban, rural, pastoral');
    expect(r12.error.message).toBe('name must not contain the character U+0000');
    // No message quotes a name or an ID number.
    const text = JSON.stringify(report.rows);
    for (const row of rows) {
      expect(text).not.toContain(row.idNumber);
      expect(text).not.toContain(row.name);
    }

    // Only the created rows wrote anything; the refused duplicate left the person as they were.
    expect(await countCases()).toBe(before + 2);
    const person = await env.db
      .selectFrom('persons')
      .select('name')
      .where('id_number', '=', existingId)
      .executeTakeFirstOrThrow();
    expect(person.name).toBe('测试青年');
    const created = await eventually(
      () => api.get(inst, r7.caseId),
      (c) => c.stage === 'assessment',
    );
    expect(created.person).toMatchObject({
      name: '王, "小明"',
      idNumber: full.idNumber,
      hukouType: 'pastoral',
      disability: { category: 'physical', grade: 2 },
      seriousIllness: true,
      inFullTimeEducationUntil: '2027-07-01',
      bankAccount: { bank: '内蒙古农村信用社', accountNo: '6229001234567890', holder: '王小明' },
    });
    expect(created.institutionId).toBe('inst-hohhot-1');
  });

  it('reads columns in any order, without a BOM, with empty lines and mixed line ends, and a header-only file', async () => {
    const row = rosterRow('150102');
    const csv = `division,hukouType,idNumber,name\r\n\n${row.division},urban,${row.idNumber},${row.name}\n\r\n`;
    const res = await upload(csv, inst, { 'content-type': 'text/csv; charset=utf-8' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, refused: 0, rows: [{ row: 1, status: 'created' }] });
    const empty = await upload('name,idNumber,hukouType,division\r\n');
    expect(empty.json()).toEqual({ created: 0, refused: 0, rows: [] });
  });

  it('reads the Chinese header and the glossary words of the console template', async () => {
    const plain = rosterRow('150102');
    const full = rosterRow('150102');
    const csv =
      '\uFEFF姓名,公民身份号码,户口性质,所属行政区划,残疾类别,残疾等级,患有重病,在校就读至,开户行,账号,户名\r\n' +
      `${plain.name},${plain.idNumber},农村,150102,,,,,,,\r\n` +
      `${full.name},${full.idNumber},牧区,150102,肢体,2,否,2027-07-01,中国银行,6217000012345678,${full.name}\r\n` +
      `${full.name},${uniqueIdNumber()},游牧,150102,,,,,,,\r\n`;
    const res = await upload(csv);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ created: 2, refused: 1 });
    expect(report.rows[2].error.message).toBe('hukouType must be one of urban, rural, pastoral');
    const created = await api.get(inst, report.rows[1].caseId);
    expect(created.person).toMatchObject({
      idNumber: full.idNumber,
      hukouType: 'pastoral',
      disability: { category: 'physical', grade: 2 },
      seriousIllness: false,
      bankAccount: { bank: '中国银行', accountNo: '6217000012345678' },
    });
    expect((await api.get(inst, report.rows[0].caseId)).person.hukouType).toBe('rural');
  });

  it('refuses a bad header as a whole, registering nothing', async () => {
    const row = rosterRow('150102');
    const before = await countCases();
    const cases: Array<[string, string]> = [
      [
        `name,idNumber,hukouType,division,nickname\n${row.name},${row.idNumber},rural,150102,x\n`,
        'header: column 5 is not one of',
      ],
      [
        `name,idNumber,division\n${row.name},${row.idNumber},150102\n`,
        'header: the required column hukouType is missing',
      ],
      [`name,idNumber,hukouType,division,name\n`, 'header: column name appears twice'],
      [`${row.name},${row.idNumber},rural,150102\n`, 'header: column 1 is not one of'],
      ['', 'body: the CSV has no header row'],
      ['"name,idNumber\n', 'body: the CSV is malformed'],
    ];
    for (const [csv, message] of cases) {
      const res = await upload(csv);
      expect(res.statusCode, message).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.message).toContain(message);
      expect(res.body).not.toContain(row.idNumber);
      expect(res.body).not.toContain(row.name);
    }
    expect(await countCases()).toBe(before);
  });

  it('keeps the rows before a malformed line and reports the rest as not read', async () => {
    const [a, b] = [rosterRow('150102'), rosterRow('150102')];
    const csv = `${ROSTER_HEADER.slice(0, 4).join(',')}\n${a.name},${a.idNumber},rural,150102\n"${b.name},${b.idNumber},rural,150102\n`;
    const res = await upload(csv);
    expect(res.statusCode).toBe(200);
    expect(res.json().rows).toEqual([
      { row: 1, status: 'created', caseId: expect.stringMatching(/^case-/) },
      {
        row: 2,
        status: 'refused',
        error: {
          code: 'VALIDATION_FAILED',
          message: expect.stringMatching(
            /^the CSV is malformed \(CSV_QUOTE_NOT_CLOSED\) near line \d+: this row and the rest were not read$/,
          ),
        },
      },
    ]);
  });

  it('refuses other roles, other content types and other charsets', async () => {
    const csv = rosterCsv([rosterRow('150102')]);
    const asCivilAffairs = await upload(csv, civilAffairs());
    expect(asCivilAffairs.statusCode).toBe(403);
    const json = await api.call(inst, 'POST', '/v1/cases/import', { rows: [] });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.message).toBe('body: send the roster as Content-Type: text/csv');
    const plain = await upload(csv, inst, { 'content-type': 'text/plain' });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().error.code).toBe('VALIDATION_FAILED');
    const gbk = await upload(csv, inst, { 'content-type': 'text/csv; charset=gbk' });
    expect(gbk.statusCode).toBe(400);
    expect(gbk.json().error.message).toBe('content-type: the roster must be UTF-8, not gbk');
    const huge = await upload(csv, inst, { 'content-length': String(21 * 1024 * 1024) });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.message).toContain('larger than 20 MB');
  });

  it('registers rows while the file is still arriving', async () => {
    const body = new PassThrough();
    const [first, second] = [rosterRow('150102'), rosterRow('150102')];
    // The first row, and the second only begun: the upload is still open.
    body.write(rosterCsv([first]));
    body.write(`${second.name},${second.idNumber.slice(0, 9)}`);
    const answer = upload(body);
    await eventually(
      () => env.db.selectFrom('persons').select('person_id').where('id_number', '=', first.idNumber).executeTakeFirst(),
      (row) => row !== undefined,
      5_000,
    );
    body.end(`${second.idNumber.slice(9)},${second.hukouType},${second.division},,,,,,,\n`);
    const res = await answer;
    expect(res.json()).toMatchObject({ created: 2, refused: 0 });
  });

  it('reads ten thousand rows as a stream and refuses the rows beyond the limit', async () => {
    const rows = 10_001;
    function* roster() {
      yield `${ROSTER_HEADER.slice(0, 4).join(',')}\n`;
      for (let i = 0; i < rows; i++)
        yield `青年${i},${wrongCheckDigit(uniqueIdNumber(18, '150102', 300))},rural,150102\n`;
    }
    const started = Date.now();
    const res = await upload(Readable.from(roster()));
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ created: 0, refused: 10_001 });
    expect(report.rows).toHaveLength(10_001);
    expect(report.rows[9_999]).toMatchObject({ row: 10_000, status: 'refused', error: { code: 'VALIDATION_FAILED' } });
    expect(report.rows[9_999].error.message).toContain('check digit');
    expect(report.rows[10_000]).toEqual({
      row: 10_001,
      status: 'refused',
      error: {
        code: 'VALIDATION_FAILED',
        message:
          'a roster takes at most 10000 rows; import the rest in another file: this row and the rest were not read',
      },
    });
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe('importRoster when the upload stops short', () => {
  const register = async () => `case-${crypto.randomUUID()}`;
  const deps = { register, onInternalError: () => undefined };
  const lines = (count: number) =>
    Array.from({ length: count }, () => {
      const r = rosterRow('150102');
      return `${r.name},${r.idNumber},rural,150102\n`;
    });

  it('keeps the rows read before the size limit and reports the rest as not read', async () => {
    const body = ['name,idNumber,hukouType,division\n', ...lines(20)];
    const report = await importRoster(Readable.from(body), deps, { maxBytes: 400, maxRows: 10_000 });
    const last = report.rows[report.rows.length - 1]!;
    expect(report.created).toBeGreaterThan(0);
    expect(report.created).toBeLessThan(20);
    expect(last).toEqual({
      row: report.created + 1,
      status: 'refused',
      error: {
        code: 'VALIDATION_FAILED',
        message: 'the CSV is larger than 400 bytes: this row and the rest were not read',
      },
    });
  });

  it('keeps the rows read before the upload broke off', async () => {
    const chunks = ['name,idNumber,hukouType,division\n', ...lines(3)];
    const body = new Readable({
      read() {
        const next = chunks.shift();
        if (next) this.push(next);
        else this.destroy(new Error('connection reset'));
      },
    });
    const report = await importRoster(body, deps);
    // The last row before the break may be held back until the parser sees what follows it; then
    // it counts as not read, and nothing was written for it.
    expect(report.created).toBeGreaterThanOrEqual(2);
    expect(report.rows.slice(0, -1).every((r) => r.status === 'created')).toBe(true);
    expect(report.rows[report.rows.length - 1]).toEqual({
      row: report.created + 1,
      status: 'refused',
      error: { code: 'VALIDATION_FAILED', message: 'the upload broke off: this row and the rest were not read' },
    });
  });
});
