// POST /v1/cases/import: a CSV roster in, a per-row report out.
import { Type, type Static } from 'typebox';
import { ERROR_CODES } from '../../domain/errorCodes.js';
import { ROSTER_COLUMNS, ROSTER_COLUMN_WORDS } from '../services/rosterRows.js';
import { CaseId } from './common.js';

export const RosterCsv = Type.String({
  description:
    'UTF-8 CSV (a byte-order mark is allowed), at most 20 MB and 10,000 rows, with a header row naming the columns in any order. ' +
    `Columns: ${ROSTER_COLUMNS.join(', ')}, or their Chinese headers ${Object.values(ROSTER_COLUMN_WORDS).join(', ')} (the console's template). Required in every row: name, idNumber (GB 11643, 18 characters), hukouType (urban | rural | pastoral, or 城镇 | 农村 | 牧区), ` +
    'division (GB/T 2260 code within your jurisdiction). Optional, an empty cell meaning absent: disabilityCategory (visual | hearing | speech | physical | ' +
    'intellectual | mental | multiple, or 视力 | 听力 | 言语 | 肢体 | 智力 | 精神 | 多重) with disabilityGrade (1-4), both or neither; seriousIllness (true | false; also yes/no, 1/0, 是/否); ' +
    'inFullTimeEducationUntil (YYYY-MM-DD); bankName, bankAccountNo (8-30 digits) and bankAccountHolder, all three or none. ' +
    'Cells are trimmed. Each row is checked exactly as the body of POST /v1/cases.',
  examples: [
    `${ROSTER_COLUMNS.join(',')}\n张三,150102200805120016,rural,150102,,,,,中国农业银行,6228480012345678,张三\n李四,15010220080312002X,urban,150102,physical,2,false,2027-07-01,,,\n`,
  ],
});

export const RowReport = Type.Object({
  row: Type.Integer({
    minimum: 1,
    description: 'the data row, 1 being the first row after the header (empty lines are not counted)',
  }),
  status: Type.Enum(['created', 'refused']),
  caseId: Type.Optional({
    ...CaseId,
    description: 'the case created; for a duplicate, the case that already holds the ID number',
  }),
  error: Type.Optional(
    Type.Object({
      code: Type.Enum(ERROR_CODES, {
        description:
          'VALIDATION_FAILED: the row breaks a rule; CONFLICT: the ID number already has an open case or appears earlier in the file; INTERNAL: retry the row',
      }),
      message: Type.String({ description: 'names the column and the rule; never quotes a name or an ID number' }),
    }),
  ),
});

export const ImportReport = Type.Object(
  {
    created: Type.Integer({ minimum: 0 }),
    refused: Type.Integer({ minimum: 0 }),
    rows: Type.Array(RowReport, { description: 'one entry per row read, in file order' }),
  },
  {
    examples: [
      {
        created: 1,
        refused: 2,
        rows: [
          { row: 1, status: 'created', caseId: 'case-1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b' },
          {
            row: 2,
            status: 'refused',
            error: {
              code: 'VALIDATION_FAILED',
              message: 'idNumber: check digit is 1 but the first 17 digits require X (GB 11643 MOD 11-2)',
            },
          },
          {
            row: 3,
            status: 'refused',
            caseId: 'case-1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b',
            error: { code: 'CONFLICT', message: 'idNumber appears again in this file (first at row 1)' },
          },
        ],
      },
    ],
  },
);
export type ImportReport = Static<typeof ImportReport>;
