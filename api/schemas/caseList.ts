// GET /v1/cases: the filters and the case summary each list item carries.
import { Type, type Static } from 'typebox';
import { DEPARTMENT_CODES, PATHWAYS, STAGES, SUBSIDY_STATUSES } from '../../domain/vocabulary.js';
import { CaseId, DateString, DivisionCode, Instant } from './common.js';

export const Limit = Type.Integer({
  minimum: 1,
  maximum: 500,
  default: 50,
  description: 'page size (default 50, at most 500)',
});
export const Cursor = Type.String({
  minLength: 1,
  maxLength: 500,
  description: 'opaque: the nextCursor of the previous page',
});
export const NextCursor = Type.Union([Type.String(), Type.Null()], {
  description: 'pass as cursor for the next page; null on the last page',
});

const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', examples: ['2026-11'] });

export const CaseListQuery = Type.Object(
  {
    stage: Type.Optional(Type.Enum(STAGES)),
    pathway: Type.Optional(
      Type.Enum([...PATHWAYS, 'none'], {
        description: '`none`: no pathway approved yet (as the summary report counts)',
      }),
    ),
    division: Type.Optional({
      ...DivisionCode,
      description: 'a division within your jurisdiction; cases of the divisions below it are included',
    }),
    institutionId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    overdue: Type.Optional(
      Type.Boolean({
        description: 'true: only cases with an open or blocked task past its due time; false: only cases without one',
      }),
    ),
    overdueDepartment: Type.Optional(
      Type.Enum([...DEPARTMENT_CODES, 'institution'], {
        description:
          "only cases with an open or blocked task of this department past its due time (`institution`: the welfare institution's tasks)",
      }),
    ),
    subsidy: Type.Optional(
      Type.Enum(['paid', 'owed'], {
        description:
          'paid: a payment recorded as paid; owed: an approved social placement whose subsidy is computed, approved or failed, ' +
          'not yet paid, the case neither closed nor withdrawn (as the summary report counts them)',
      }),
    ),
    registeredMonth: Type.Optional({
      ...Month,
      description: 'only cases registered in this month (YYYY-MM, Asia/Shanghai)',
    }),
    closedMonth: Type.Optional({
      ...Month,
      description:
        'only cases closed or withdrawn in this month (YYYY-MM, Asia/Shanghai); with stage=closed the 结案 ones',
    }),
    limit: Limit,
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type CaseListQuery = Static<typeof CaseListQuery>;

export const CaseSummary = Type.Object(
  {
    caseId: CaseId,
    stage: Type.Enum(STAGES),
    pathway: Type.Union([Type.Enum(PATHWAYS), Type.Null()]),
    division: Type.String(),
    institutionId: Type.String(),
    adulthoodDate: DateString,
    person: Type.Object({
      name: Type.String(),
      idNumber: Type.String({ description: 'always masked in lists, e.g. 150102********123X; read the case for more' }),
    }),
    subsidyStatus: Type.Union([Type.Enum(SUBSIDY_STATUSES), Type.Null()], {
      description: 'null until a social placement is approved',
    }),
    openTasks: Type.Integer({ minimum: 0, description: 'tasks open or blocked' }),
    overdue: Type.Boolean({ description: 'an open or blocked task is past its due time' }),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'CaseSummary', description: 'a case in a list: enough to find it; GET /v1/cases/{caseId} for the rest' },
);
export type CaseSummary = Static<typeof CaseSummary>;

export const CaseList = Type.Object(
  { items: Type.Array(CaseSummary), nextCursor: NextCursor },
  {
    $id: 'CaseList',
    description: 'a page of cases, oldest first',
    examples: [
      {
        items: [
          {
            caseId: 'case-1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b',
            stage: 'social_placement',
            pathway: 'social_placement',
            division: '150102',
            institutionId: 'inst-hohhot-1',
            adulthoodDate: '2026-05-12',
            person: { name: '张三', idNumber: '150102********0016' },
            subsidyStatus: 'computed',
            openTasks: 7,
            overdue: false,
            createdAt: '2026-11-29T02:00:00.000Z',
            updatedAt: '2026-11-29T03:10:00.000Z',
          },
        ],
        nextCursor: null,
      },
    ],
  },
);

export const CaseSearchBody = Type.Object(
  {
    q: Type.String({
      minLength: 2,
      maxLength: 100,
      description:
        'a name or part of one (at least 2 characters), or a full 18-character ID number (matched exactly, through its keyed hash). ' +
        'A partial ID number is refused (400): an ID number is searched only in full.',
    }),
    ...CaseListQuery.properties,
  },
  {
    additionalProperties: false,
    description: 'the search, and the filters, page size and cursor of GET /v1/cases',
    examples: [{ q: '王小明' }, { q: '150102200805120016', division: '150102' }],
  },
);
export type CaseSearchBody = Static<typeof CaseSearchBody>;
