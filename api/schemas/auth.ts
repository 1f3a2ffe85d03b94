// Sign-in, sessions and the caller's own account.
import { Type, type Static } from 'typebox';
import { ROLES } from '../../domain/access.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_RULES } from '../../domain/passwordPolicy.js';
import { DivisionCode, Instant } from './common.js';

/** The rule for a new username (the administrator's routes use it too). */
export const USERNAME_PATTERN = '^[A-Za-z0-9._@-]{3,64}$';
export const USERNAME_RULE =
  'must be 3 to 64 characters of ASCII letters, digits, and . _ @ - (unique whatever the case)';

export const Username = Type.String({
  pattern: USERNAME_PATTERN,
  description: `a username ${USERNAME_RULE}`,
  examples: ['wang.li'],
});

// C0 and C1 control characters: nobody types them, and they have no place in a log or a terminal.
const NO_CONTROL_CHARACTERS = '^[^\\u0000-\\u001f\\u007f-\\u009f]*$';

/**
 * At sign-in any username up to 64 characters without control characters is looked up: one that
 * cannot exist is refused like any unknown one (401), so the answer never says which rule it broke.
 */
const SignInUsername = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: NO_CONTROL_CHARACTERS,
  description: 'the username, in any case',
});

const Password = (description: string) =>
  Type.String({
    minLength: 1,
    maxLength: PASSWORD_MAX_LENGTH,
    description: `${description}; at most ${PASSWORD_MAX_LENGTH} characters (a longer one is refused before it is hashed)`,
  });

export const LoginBody = Type.Object(
  { username: SignInUsername, password: Password('the password') },
  { additionalProperties: false, examples: [{ username: 'admin', password: 'the password printed at first start' }] },
);
export type LoginBody = Static<typeof LoginBody>;

export const PasswordChangeBody = Type.Object(
  {
    currentPassword: Password('the password in use now (a one-time password at the first sign-in)'),
    newPassword: Password(`the new password: ${PASSWORD_RULES}`),
  },
  {
    additionalProperties: false,
    examples: [{ currentPassword: 'Hq7m-x2Kd-9PaT-wc4N', newPassword: 'Steppe-horses-4-ever' }],
  },
);
export type PasswordChangeBody = Static<typeof PasswordChangeBody>;

export const Me = Type.Object({
  userId: Type.String({ description: "the user's id (a session), or the token's sub (a bearer token)" }),
  username: Type.Union([Type.String(), Type.Null()], { description: 'null for a bearer token: it names no account' }),
  displayName: Type.Union([Type.String(), Type.Null()], { description: 'null for a bearer token' }),
  role: Type.Enum(ROLES),
  org: Type.String({ description: 'the institution id for institution, the department code for department' }),
  division: DivisionCode,
  mustChangePassword: Type.Boolean({
    description:
      'true: until the password is changed, the session reaches only GET /v1/me, POST /auth/password, POST /auth/logout and GET /auth/session (always false for a bearer token)',
  }),
  authentication: Type.Enum(['session', 'bearer'], { description: 'how this request proved who it is' }),
});
export type Me = Static<typeof Me>;

export const SessionInfo = Type.Object({
  user: Me,
  csrfToken: Type.String({
    description:
      'send it as the x-csrf-token header with every POST, PUT, PATCH and DELETE carried by the session cookie',
  }),
  expiresAt: Instant,
  idleTimeoutSeconds: Type.Integer({ description: 'the session ends after this long without a request' }),
});
export type SessionInfo = Static<typeof SessionInfo>;
