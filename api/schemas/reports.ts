// GET /v1/reports/summary: where the jurisdiction's cases stand, what the subsidy has cost and
// still owes by funding source and area, and which departments are late.
import { Type, type Static } from 'typebox';
import { PATHWAYS, STAGES } from '../../domain/vocabulary.js';
import { DivisionCode, Fen, Instant } from './common.js';

const Count = Type.Integer({ minimum: 0 });
const StageCounts = Type.Object(
  Object.fromEntries(STAGES.map((s) => [s, Count])) as Record<(typeof STAGES)[number], typeof Count>,
  { description: 'every stage, zero included' },
);

export const SubsidyAmounts = Type.Object(
  {
    cases: Count,
    amountFen: Fen,
    regionalShareFen: { ...Fen, description: 'funded by the region (区级补助), integer fen' },
    localShareFen: { ...Fen, description: 'funded by the league/city or banner/county, integer fen' },
  },
  { description: 'amountFen = regionalShareFen + localShareFen' },
);

export const SummaryQuery = Type.Object(
  {
    division: Type.Optional({
      ...DivisionCode,
      description: 'a division within yours (default: yours); the divisions below it are included',
    }),
  },
  { additionalProperties: false },
);
export type SummaryQuery = Static<typeof SummaryQuery>;

export const Summary = Type.Object(
  {
    division: Type.String({ description: 'the jurisdiction reported on, with everything below it' }),
    generatedAt: Instant,
    casesByStage: StageCounts,
    casesByDivision: Type.Array(Type.Object({ division: Type.String(), name: Type.String(), stages: StageCounts }), {
      description:
        'cases by stage per division one level below the one reported on (a league for the region, a banner/county for a league, ' +
        'the county itself for a county); only divisions with a case, by code. `GET /v1/cases?division=…&stage=…` lists each figure.',
    }),
    monthly: Type.Array(
      Type.Object({
        month: Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM, Asia/Shanghai' }),
        registered: { ...Count, description: 'cases registered in the month (`GET /v1/cases?registeredMonth=…`)' },
        closed: {
          ...Count,
          description: 'cases closed (结案, stage `closed`) in the month (`GET /v1/cases?stage=closed&closedMonth=…`)',
        },
      }),
      { description: 'the last 12 months, the current one last' },
    ),
    divisions: Type.Array(
      Type.Object({ division: Type.String(), name: Type.String(), parent: Type.Union([Type.String(), Type.Null()]) }),
      {
        description:
          "the caller's own division and every league and banner/county within it, by code: the values `division` accepts",
      },
    ),
    casesByPathway: Type.Object(
      Object.fromEntries([...PATHWAYS, 'none'].map((p) => [p, Count])) as Record<
        (typeof PATHWAYS)[number] | 'none',
        typeof Count
      >,
      {
        description: '`none`: no pathway approved yet',
      },
    ),
    subsidy: Type.Object({
      paid: { ...SubsidyAmounts, description: 'payments recorded as paid in the disbursement ledger' },
      owed: {
        ...SubsidyAmounts,
        description:
          'social placements approved whose subsidy is computed, approved for payment or failed, not yet paid (withdrawn cases excluded)',
      },
      byDivision: Type.Array(
        Type.Object({ division: Type.String(), name: Type.String(), paid: SubsidyAmounts, owed: SubsidyAmounts }),
        { description: 'per division of the cases, only divisions with a subsidy paid or owed, by code' },
      ),
    }),
    overdueTasksByDepartment: Type.Array(
      Type.Object({
        department: Type.String({
          description: 'department code; `institution` for tasks of the welfare institutions',
        }),
        overdue: Count,
      }),
      { description: 'open or blocked tasks past their due time on cases of the jurisdiction, most first' },
    ),
  },
  {
    examples: [
      {
        division: '150100',
        generatedAt: '2026-11-29T08:00:00.000Z',
        casesByStage: {
          awaiting_adulthood: 3,
          transition_planning: 1,
          assessment: 4,
          deferred: 0,
          review: 2,
          social_placement: 5,
          destitute_support: 1,
          placed: 2,
          supported: 0,
          closed: 6,
          withdrawn: 1,
        },
        casesByDivision: [
          {
            division: '150102',
            name: '新城区',
            stages: {
              awaiting_adulthood: 3,
              transition_planning: 1,
              assessment: 4,
              deferred: 0,
              review: 2,
              social_placement: 5,
              destitute_support: 1,
              placed: 2,
              supported: 0,
              closed: 6,
              withdrawn: 1,
            },
          },
        ],
        monthly: [
          { month: '2026-10', registered: 10, closed: 2 },
          { month: '2026-11', registered: 15, closed: 4 },
        ],
        divisions: [
          { division: '150100', name: '呼和浩特市', parent: '150000' },
          { division: '150102', name: '新城区', parent: '150100' },
        ],
        casesByPathway: { social_placement: 13, destitute_centralized: 1, destitute_dispersed: 0, none: 11 },
        subsidy: {
          paid: { cases: 8, amountFen: 48000000, regionalShareFen: 40000000, localShareFen: 8000000 },
          owed: { cases: 5, amountFen: 30000000, regionalShareFen: 25000000, localShareFen: 5000000 },
          byDivision: [
            {
              division: '150102',
              name: '新城区',
              paid: { cases: 8, amountFen: 48000000, regionalShareFen: 40000000, localShareFen: 8000000 },
              owed: { cases: 5, amountFen: 30000000, regionalShareFen: 25000000, localShareFen: 5000000 },
            },
          ],
        },
        overdueTasksByDepartment: [
          { department: 'public_security', overdue: 2 },
          { department: 'institution', overdue: 1 },
        ],
      },
    ],
  },
);
export type Summary = Static<typeof Summary>;
