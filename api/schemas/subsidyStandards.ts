// Subsidy standards: the one-time social placement subsidy per division, every version kept with
// its effective date; civil affairs proposes, finance co-signs, and only then does it apply.
import { Type, type Static } from 'typebox';
import { STANDARD_STATUSES } from '../../domain/vocabulary.js';
import { Cursor, Limit, NextCursor } from './caseList.js';
import { DateString, DivisionCode, Fen, Instant } from './common.js';

export const StandardId = Type.String({
  pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
  description: 'the standard ID (a UUID)',
  examples: ['4f5c2a9e-8d1b-4c3e-9a7f-2b6d8e0c1a3f'],
});

const ActorView = Type.Object(
  { sub: Type.String(), role: Type.String(), org: Type.String(), division: Type.String() },
  { description: 'who acted, as their token said' },
);

export const SubsidyStandard = Type.Object(
  {
    id: StandardId,
    division: Type.String({ description: 'the banner/county, league/city or region it applies to' }),
    amountFen: Fen,
    effectiveFrom: DateString,
    status: Type.Enum(STANDARD_STATUSES, {
      description: 'proposed by civil affairs; effective once finance co-signs',
    }),
    basis: Type.String({ description: 'the decision or document it rests on' }),
    proposedBy: ActorView,
    cosignedBy: Type.Union([ActorView, Type.Null()]),
    cosignedAt: Type.Union([Instant, Type.Null()]),
    createdAt: Instant,
  },
  {
    examples: [
      {
        id: '4f5c2a9e-8d1b-4c3e-9a7f-2b6d8e0c1a3f',
        division: '150102',
        amountFen: 6000000,
        effectiveFrom: '2026-01-01',
        status: 'effective',
        basis: '新城区民政局、财政局联合发文',
        proposedBy: { sub: 'ca-150102', role: 'civil_affairs', org: 'civil_affairs', division: '150102' },
        cosignedBy: { sub: 'fin-150102', role: 'finance', org: 'finance', division: '150102' },
        cosignedAt: '2025-12-20T02:00:00.000Z',
        createdAt: '2025-12-18T06:30:00.000Z',
      },
    ],
  },
);
export type SubsidyStandard = Static<typeof SubsidyStandard>;

export const StandardListQuery = Type.Object(
  {
    division: Type.Optional({ ...DivisionCode, description: 'only the standards of exactly this division' }),
    status: Type.Optional(Type.Enum(STANDARD_STATUSES)),
    limit: Limit,
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type StandardListQuery = Static<typeof StandardListQuery>;

export const StandardList = Type.Object({ items: Type.Array(SubsidyStandard), nextCursor: NextCursor });

export const ProposeStandardBody = Type.Object(
  {
    division: { ...DivisionCode, description: 'a division within your jurisdiction' },
    amountFen: Type.Integer({
      minimum: 1,
      maximum: 1_000_000_000,
      description: 'the whole subsidy per person in integer fen (50,000 CNY = 5000000)',
    }),
    effectiveFrom: { ...DateString, description: 'the first approval date it applies to (Asia/Shanghai)' },
    basis: Type.String({ minLength: 1, maxLength: 4000, description: 'the decision or document it rests on' }),
  },
  {
    additionalProperties: false,
    examples: [
      { division: '150102', amountFen: 6000000, effectiveFrom: '2026-01-01', basis: '新城区民政局、财政局联合发文' },
    ],
  },
);
export type ProposeStandardBody = Static<typeof ProposeStandardBody>;

export const CosignBody = Type.Object({}, { additionalProperties: false, examples: [{}] });

export const StandardParams = Type.Object({ id: StandardId }, { additionalProperties: false });
