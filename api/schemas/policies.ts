// The policy versions an administrator (or civil affairs, or an auditor) reads on the 政策 page:
// each policy's versions for the caller's division and the divisions above it.
import { Type, type Static } from 'typebox';
import { POLICY_NAMES } from '../../domain/policy.js';
import { DateString, DivisionCode } from './common.js';

export const PolicyVersion = Type.Object({
  policyId: Type.String({ format: 'uuid', description: 'the id a decision records when it used this version' }),
  division: DivisionCode,
  effectiveFrom: DateString,
  note: Type.String({ description: 'where the version comes from, e.g. the measures it implements' }),
  inForce: Type.Boolean({
    description: "today's version for its own division: the latest of that division that has begun",
  }),
  applies: Type.Boolean({
    description:
      'the version cases of your division use today: the nearest division with a version in force, yours first',
  }),
  body: Type.Record(Type.String(), Type.Unknown(), {
    description: 'the version as the workflow reads it (durations, a task plan, the destitute criteria)',
  }),
});
export type PolicyVersion = Static<typeof PolicyVersion>;

export const PolicyList = Type.Object({
  asOf: { ...DateString, description: 'today in Asia/Shanghai: what inForce and applies are measured on' },
  division: { ...DivisionCode, description: 'your division; versions of it and of the divisions above it' },
  policies: Type.Array(
    Type.Object({
      name: Type.Enum(POLICY_NAMES),
      versions: Type.Array(PolicyVersion, { description: 'latest first' }),
    }),
  ),
});
export type PolicyList = Static<typeof PolicyList>;
