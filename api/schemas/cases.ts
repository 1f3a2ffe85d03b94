import { Type, type Static } from 'typebox';
// Registration's body and the views of a case and its tasks.
import {
  DISABILITY_CATEGORIES,
  HUKOU_TYPES,
  PATHWAYS,
  SEXES,
  STAGES,
  SUBSIDY_STATUSES,
  TASK_STATUSES,
} from '../../domain/vocabulary.js';
import { RECOMMENDATION_REASON_CODES } from '../../domain/recommendation.js';
import { CaseId, DateString, DivisionCode, Fen, Instant } from './common.js';

export const BankAccount = Type.Object(
  {
    bank: Type.String({ minLength: 1, maxLength: 100 }),
    accountNo: Type.String({ pattern: '^[0-9]{8,30}$', description: 'digits only' }),
    holder: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);

export const Disability = Type.Object(
  { category: Type.Enum(DISABILITY_CATEGORIES), grade: Type.Integer({ minimum: 1, maximum: 4 }) },
  { additionalProperties: false },
);

export const PersonInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    idNumber: Type.String({
      minLength: 1,
      maxLength: 18,
      description: '18-character resident ID number (GB 11643)',
      examples: ['15010220080512001X'],
    }),
    hukouType: Type.Enum(HUKOU_TYPES),
    disability: Type.Optional(Disability),
    seriousIllness: Type.Optional(Type.Boolean()),
    inFullTimeEducationUntil: Type.Optional(DateString),
    bankAccount: Type.Optional(BankAccount),
  },
  { additionalProperties: false },
);

export const RegisterCaseBody = Type.Object(
  { person: PersonInput, division: DivisionCode },
  {
    additionalProperties: false,
    examples: [{ person: { name: '张三', idNumber: '150102200805120016', hukouType: 'rural' }, division: '150102' }],
  },
);
export type RegisterCaseBody = Static<typeof RegisterCaseBody>;

export const TaskView = Type.Object(
  {
    taskId: Type.String(),
    caseId: Type.String(),
    kind: Type.String(),
    department: Type.Union([Type.String(), Type.Null()]),
    assigneeRole: Type.String(),
    institutionId: Type.Union([Type.String(), Type.Null()]),
    division: Type.String(),
    assigneeSub: Type.Union([Type.String(), Type.Null()]),
    status: Type.Enum(TASK_STATUSES),
    dueAt: Instant,
    dueDateWarning: Type.Union([Type.String(), Type.Null()]),
    overdue: Type.Boolean(),
    escalationLevel: Type.Integer(),
    escalatedTo: Type.Union([Type.String(), Type.Null()]),
    outcome: Type.Union([Type.String(), Type.Null()]),
    note: Type.Union([Type.String(), Type.Null()]),
    blockReason: Type.Union([Type.String(), Type.Null()]),
    details: Type.Record(Type.String(), Type.Unknown()),
    createdAt: Instant,
    completedAt: Type.Union([Instant, Type.Null()]),
  },
  { $id: 'Task', description: 'a task of a case, as its inbox and the case show it' },
);
export type TaskView = Static<typeof TaskView>;

export const SubsidyView = Type.Object({
  amountFen: Fen,
  regionalShareFen: Fen,
  localShareFen: Fen,
  standardId: Type.String(),
  status: Type.Enum(SUBSIDY_STATUSES),
  voucherNo: Type.Union([Type.String(), Type.Null()]),
  attempt: Type.Integer(),
  failureReason: Type.Union([Type.String(), Type.Null()]),
});

export const PersonView = Type.Object({
  name: Type.String(),
  idNumber: Type.String({ description: 'masked as 150102********123X unless the role needs the full number' }),
  idNumberMasked: Type.Boolean(),
  birthDate: DateString,
  sex: Type.Enum(SEXES),
  hukouType: Type.Enum(HUKOU_TYPES),
  disability: Type.Union([Disability, Type.Null()]),
  seriousIllness: Type.Boolean(),
  inFullTimeEducationUntil: Type.Union([DateString, Type.Null()]),
  bankAccount: Type.Union([
    Type.Object({ bank: Type.String(), accountNo: Type.String(), holder: Type.String() }),
    Type.Null(),
  ]),
});

export const RecommendationReason = Type.Object(
  {
    code: Type.Enum(RECOMMENDATION_REASON_CODES, {
      description: 'why, as a code a console words in its own language (`reasons` has the English sentences)',
    }),
    category: Type.Optional(Type.String({ description: 'disability_unable_to_work: the disability category' })),
    grade: Type.Optional(Type.Integer({ description: 'disability_unable_to_work: its grade' })),
    maxGrade: Type.Optional(
      Type.Integer({
        description: 'disability_unable_to_work: the highest grade the criteria count as unable to work',
      }),
    ),
  },
  { description: 'one reason of the recommendation' },
);

export const RecommendationView = Type.Object(
  {
    pathway: Type.Enum(PATHWAYS),
    meetsDestituteCriteria: Type.Boolean(),
    reasons: Type.Array(Type.String(), { description: 'the reasons in English sentences' }),
    reasonCodes: Type.Optional(
      Type.Array(RecommendationReason, {
        description:
          'the same reasons as codes, in order (the criteria met follow also_meets_destitute_criteria); absent on a case assessed before codes existed',
      }),
    ),
    policy: Type.Object({
      policyId: Type.String(),
      name: Type.String(),
      division: Type.String(),
      effectiveFrom: DateString,
    }),
  },
  { description: "the rules' recommendation from the assessment, with the destitute-criteria policy version applied" },
);

export const CaseView = Type.Object(
  {
    caseId: CaseId,
    stage: Type.Enum(STAGES),
    pathway: Type.Union([Type.Enum(PATHWAYS), Type.Null()]),
    person: PersonView,
    division: Type.String(),
    institutionId: Type.String(),
    adulthoodDate: DateString,
    assessment: Type.Unknown(),
    recommendation: Type.Union([RecommendationView, Type.Null()]),
    proposal: Type.Unknown(),
    reviews: Type.Array(Type.Unknown()),
    subsidy: Type.Union([SubsidyView, Type.Null()]),
    withdrawal: Type.Unknown(),
    tasks: Type.Array(TaskView),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { $id: 'Case' },
);
export type CaseView = Static<typeof CaseView>;

export const CaseParams = Type.Object({ caseId: CaseId }, { additionalProperties: false });
