// The administrator's user routes (API.md v1.1): the account as an administrator sees it, the
// list's filters, and the bodies of creating and changing one.
import { Type, type Static } from 'typebox';
import { ROLES } from '../../domain/access.js';
import { ORG_MAX_LENGTH } from '../../domain/principalRules.js';
import { Username } from './auth.js';
import { Cursor, Limit, NextCursor } from './caseList.js';
import { DivisionCode, Instant } from './common.js';

// C0 and C1 control characters have no place in a name, a log line or a terminal.
const NO_CONTROL_CHARACTERS = '^[^\\u0000-\\u001f\\u007f-\\u009f]*$';

export const UserId = Type.String({
  pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
  description: "the user's id (a UUID)",
  examples: ['1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b'],
});

const DisplayName = Type.String({
  minLength: 1,
  maxLength: 100,
  pattern: NO_CONTROL_CHARACTERS,
  description: 'the name shown for the account, e.g. 王丽',
});
const Org = Type.String({
  minLength: 1,
  maxLength: ORG_MAX_LENGTH,
  pattern: NO_CONTROL_CHARACTERS,
  description: "the institution's id for `institution`, one of the 11 department codes for `department`",
});
const Email = Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()], {
  description: 'optional; null removes it',
});
const Division = {
  ...DivisionCode,
  description: "the account's jurisdiction: a GB/T 2260 division within yours",
};

export const User = Type.Object({
  userId: UserId,
  username: Type.String(),
  displayName: Type.String(),
  role: Type.Enum(ROLES),
  org: Type.String(),
  division: DivisionCode,
  email: Type.Union([Type.String(), Type.Null()]),
  disabled: Type.Boolean(),
  mustChangePassword: Type.Boolean({ description: 'the next sign-in must change the password first' }),
  signIn: Type.Enum(['password', 'identity_provider'], {
    description: 'password: signs in with a password; identity_provider: only through OIDC (no password)',
  }),
  lastSignInAt: Type.Union([Instant, Type.Null()]),
  createdAt: Instant,
  updatedAt: Instant,
});
export type User = Static<typeof User>;

export const UserListQuery = Type.Object(
  {
    role: Type.Optional(Type.Enum(ROLES)),
    org: Type.Optional(Org),
    disabled: Type.Optional(Type.Boolean({ description: 'true: only disabled accounts; false: only active ones' })),
    division: Type.Optional({
      ...DivisionCode,
      description: 'a division within your jurisdiction; accounts of the divisions below it are included',
    }),
    limit: Limit,
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);
export type UserListQuery = Static<typeof UserListQuery>;

export const UserList = Type.Object({ items: Type.Array(User), nextCursor: NextCursor });

export const CreateUserBody = Type.Object(
  {
    username: Username,
    displayName: DisplayName,
    role: Type.Enum(ROLES),
    org: Org,
    division: Division,
    email: Type.Optional(Email),
  },
  {
    additionalProperties: false,
    examples: [
      { username: 'wang.li', displayName: '王丽', role: 'civil_affairs', org: 'civil_affairs', division: '150102' },
    ],
  },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

const OneTimePassword = Type.String({
  description: 'shown this once and never again: hand it over; the first sign-in must change it',
});

export const CreatedUser = Type.Object({ ...User.properties, oneTimePassword: OneTimePassword });

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    role: Type.Optional(Type.Enum(ROLES)),
    org: Type.Optional(Org),
    division: Type.Optional(Division),
    email: Type.Optional(Email),
    disabled: Type.Optional(
      Type.Boolean({ description: 'true disables the account and ends its sessions at once; false enables it' }),
    ),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ disabled: true }, { role: 'auditor', org: 'audit' }] },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const UserIdParams = Type.Object({ userId: UserId }, { additionalProperties: false });

export const PasswordReset = Type.Object({ userId: UserId, oneTimePassword: OneTimePassword });
