// The caller's notifications (GET /v1/notifications, POST /v1/notifications/read) and e-mail
// preferences (GET/PATCH /v1/me/preferences).
import { Type, type Static } from 'typebox';
import { NOTIFICATION_KINDS } from '../../domain/vocabulary.js';
import { Instant } from './common.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T, description?: string) =>
  Type.Union([t, Type.Null()], description ? { description } : {});

const NotificationId = Type.String({ minLength: 1, maxLength: 200, description: 'as listed' });

export const NotificationView = Type.Object({
  notificationId: NotificationId,
  kind: Type.Enum(NOTIFICATION_KINDS, {
    description:
      'task_assigned (a task opened for you), reminder (due soon), escalation (overdue or blocked, sent one level up), ' +
      'decision (civil affairs decided on your proposal), payment (a subsidy payment approved, paid or failed), ' +
      'cosignature (a subsidy standard awaits your co-signature)',
  }),
  caseId: Nullable(Type.String(), 'null for a subsidy standard'),
  taskId: Nullable(Type.String()),
  standardId: Nullable(Type.String(), 'the subsidy standard of a cosignature notification'),
  taskKind: Nullable(Type.String()),
  dueAt: Nullable(Instant),
  message: Type.String({
    description: 'plain text with the case id, the task kind and the due date: never a name or ID number',
  }),
  createdAt: Instant,
  readAt: Nullable(Instant, 'null while unread'),
});
export type NotificationView = Static<typeof NotificationView>;

export const NotificationQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean({ description: 'true: only those not yet read' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type NotificationQuery = Static<typeof NotificationQuery>;

export const NotificationList = Type.Object({
  items: Type.Array(NotificationView),
  nextCursor: Nullable(Type.String()),
});

export const MarkReadBody = Type.Object(
  {
    ids: Type.Optional(Type.Array(NotificationId, { minItems: 1, maxItems: 500, description: 'these notifications' })),
    all: Type.Optional(Type.Literal(true, { description: 'every notification of yours' })),
  },
  {
    additionalProperties: false,
    description: 'either ids or all: true',
    examples: [{ ids: ['case-1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b:7:decision'] }, { all: true }],
  },
);
export type MarkReadBody = Static<typeof MarkReadBody>;

export const MarkReadResult = Type.Object({
  marked: Type.Integer({ minimum: 0, description: 'how many were unread and are now read' }),
});

export const Preferences = Type.Object({
  emailDigest: Type.Boolean({
    description: 'a daily e-mail of new, due-soon and overdue tasks (needs an e-mail address)',
  }),
});
export type Preferences = Static<typeof Preferences>;

export const PreferencesChange = Type.Object(
  { emailDigest: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1, examples: [{ emailDigest: false }] },
);
export type PreferencesChange = Static<typeof PreferencesChange>;
