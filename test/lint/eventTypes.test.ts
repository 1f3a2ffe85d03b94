// Event types are one union (domain/eventTypes.ts) that the recorder, the activities and the audit
// append take, so a misspelt event name does not compile: the @ts-expect-error lines below make
// `npm run typecheck` fail the day one of them accepts a plain string again. At run time, the list
// itself: every name once, and the API's own names apart from the workflow's.
import { describe, expect, it } from 'vitest';
import type { CaseEvent } from '../../activities/types.js';
import type { AuditEventInput } from '../../db/repositories/audit.js';
import { SYSTEM_PRINCIPAL } from '../../domain/access.js';
import { API_EVENT_TYPES, AUDIT_EVENT_TYPES, CASE_EVENT_TYPES } from '../../domain/eventTypes.js';
import type { CaseRecorder } from '../../workflows/case/caseRecorder.js';
import type { TaskBoard } from '../../workflows/case/taskBoard.js';

/** Compiled, never called. */
export function _misspeltEventTypes(recorder: CaseRecorder, board: TaskBoard): unknown[] {
  const event: Pick<CaseEvent, 'type'> = {
    // @ts-expect-error 'subsidy.payed' is not an event type
    type: 'subsidy.payed',
  };
  const audit: Pick<AuditEventInput, 'action'> = {
    // @ts-expect-error 'person.id_viewed' is not an event type
    action: 'person.id_viewed',
  };
  return [
    event,
    audit,
    // @ts-expect-error 'stage.change' is not an event type
    recorder.record('stage.change', SYSTEM_PRINCIPAL, {}),
    // @ts-expect-error 'task.opened' is not an event type ('tasks.opened' is)
    board.open([], SYSTEM_PRINCIPAL, 'task.opened'),
  ];
}

describe('the event types', () => {
  it('name every event once, as topic.what_happened, the API-recorded ones apart', () => {
    expect(new Set(AUDIT_EVENT_TYPES).size).toBe(AUDIT_EVENT_TYPES.length);
    for (const type of AUDIT_EVENT_TYPES) expect(type).toMatch(/^[a-z_]+\.[a-z_]+$/);
    expect(CASE_EVENT_TYPES.filter((t) => (API_EVENT_TYPES as readonly string[]).includes(t))).toEqual([]);
  });
});
