// Bodies of the actions on a case and on tasks.
import { Type, type Static } from 'typebox';
import {
  HUKOU_TYPES,
  PATHWAYS,
  REVIEW_DECISIONS,
  SELF_CARE_LEVELS,
  WISHES,
  WITHDRAWAL_REASONS,
} from '../../domain/vocabulary.js';
import { BankAccount, Disability } from './cases.js';
import { DateString, DivisionCode } from './common.js';

const Text = (max = 2000) => Type.String({ minLength: 1, maxLength: max });

export const AssessmentBody = Type.Object(
  {
    canLiveIndependently: Type.Boolean(),
    basis: Type.String({
      minLength: 1,
      maxLength: 4000,
      description: 'the basis: disability, illness, income, property',
    }),
    hasIncome: Type.Boolean(),
    hasLegalSupporter: Type.Optional(
      Type.Boolean({ description: 'someone legally bound and able to support the youth' }),
    ),
    wishes: Type.Enum(WISHES),
    selfCare: Type.Enum(SELF_CARE_LEVELS),
    inFullTimeEducationUntil: Type.Optional(DateString),
    needs: Type.Optional(
      Type.Object(
        {
          housing: Type.Optional(Type.Boolean()),
          education: Type.Optional(Type.Boolean()),
          legalAid: Type.Optional(Type.Boolean()),
          enlistingOrVeteran: Type.Optional(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        canLiveIndependently: true,
        basis: '身体健康，已完成职业培训',
        hasIncome: false,
        wishes: 'social_placement',
        selfCare: 'full',
      },
    ],
  },
);
export type AssessmentBody = Static<typeof AssessmentBody>;

export const ProposalBody = Type.Object(
  { pathway: Type.Enum(PATHWAYS), reason: Type.Optional(Text()) },
  { additionalProperties: false, examples: [{ pathway: 'social_placement' }] },
);

export const ReviewBody = Type.Object(
  { decision: Type.Enum(REVIEW_DECISIONS), comment: Text() },
  { additionalProperties: false, examples: [{ decision: 'approve', comment: '材料齐全，同意社会化安置' }] },
);

export const EmptyBody = Type.Object({}, { additionalProperties: false, examples: [{}] });

export const ConfirmBody = Type.Object(
  { voucherNo: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9-/]+$' }) },
  { additionalProperties: false, examples: [{ voucherNo: 'PZ-2026-001234' }] },
);

export const WithdrawBody = Type.Object(
  { reason: Type.Enum(WITHDRAWAL_REASONS), note: Type.String({ maxLength: 2000 }) },
  { additionalProperties: false, examples: [{ reason: 'adopted', note: '已被收养' }] },
);

export const CorrectionChanges = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    idNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 18 })),
    hukouType: Type.Optional(Type.Enum(HUKOU_TYPES)),
    disability: Type.Optional(Type.Union([Disability, Type.Null()])),
    seriousIllness: Type.Optional(Type.Boolean()),
    inFullTimeEducationUntil: Type.Optional(Type.Union([DateString, Type.Null()])),
    bankAccount: Type.Optional(BankAccount),
    division: Type.Optional(DivisionCode),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const CorrectionBody = Type.Object(
  { changes: CorrectionChanges, reason: Text() },
  { additionalProperties: false, examples: [{ changes: { hukouType: 'rural' }, reason: '户籍信息更正' }] },
);
export type CorrectionBody = Static<typeof CorrectionBody>;

export const CompleteTaskBody = Type.Object(
  { outcome: Text(200), note: Type.String({ maxLength: 2000 }) },
  { additionalProperties: false, examples: [{ outcome: 'done', note: '已办理落户' }] },
);

export const BlockTaskBody = Type.Object(
  { reason: Text() },
  { additionalProperties: false, examples: [{ reason: '缺少户口迁移证明' }] },
);

export const ReassignTaskBody = Type.Object(
  {
    assigneeSub: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    division: Type.Optional(DivisionCode),
    reason: Text(),
  },
  { additionalProperties: false, examples: [{ assigneeSub: 'officer-42', reason: '工作调整' }] },
);

export const TaskParams = Type.Object(
  { taskId: Type.String({ pattern: '^t-[0-9a-f-]{36}$' }) },
  { additionalProperties: false },
);
