// GET /v1/tasks: the inbox's filters and its page. A task's own view is TaskView (schemas/cases.ts).
import { Type, type Static } from 'typebox';
import { TaskView } from './cases.js';
import { CaseId } from './common.js';

export const InboxQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(['open', 'done', 'overdue'])),
    caseId: Type.Optional(CaseId),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    cursor: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
export type InboxQuery = Static<typeof InboxQuery>;

export const TaskList = Type.Object({
  items: Type.Array(TaskView),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
