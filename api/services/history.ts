// A case's audit chain for the people entitled to it: the auditor over its division and the
// parties to the case (the institution raising the youth, civil affairs and finance covering it,
// a department only through a task of its own on the case). Anyone else is told it does not exist.
import type { Db } from '../../db/database.js';
import { type Principal, caseInScope, taskAssignedTo } from '../../domain/access.js';
import { notFound, validationFailed } from '../errors.js';
import type { HistoryEvent } from '../schemas/history.js';

/** The case's division, once the caller is shown to be entitled to its history; 404 otherwise. */
export async function caseInReach(db: Db, principal: Principal, caseId: string): Promise<{ division: string }> {
  const c = await db.selectFrom('cases').select(['division_code', 'institution_id']).where('case_id', '=', caseId).executeTakeFirst();
  if (!c || !caseInScope(principal, { division: c.division_code, institutionId: c.institution_id })) throw notFound('case');
  if (principal.role === 'department') {
    // The same rule as reading the case (services/caseViews.ts): a task of the caller's own.
    const tasks = await db.selectFrom('tasks').select(['assignee_role', 'department', 'institution_id', 'division_code']).where('case_id', '=', caseId).execute();
    const hasTask = tasks.some((t) =>
      taskAssignedTo(principal, { assigneeRole: t.assignee_role, department: t.department, institutionId: t.institution_id, division: t.division_code }),
    );
    if (!hasTask) throw notFound('case');
  }
  return { division: c.division_code };
}

export function encodeSeqCursor(seq: number): string {
  return Buffer.from(String(seq)).toString('base64url');
}

export function decodeSeqCursor(raw: string): number {
  const text = Buffer.from(raw, 'base64url').toString('utf8');
  const seq = /^[0-9]{1,9}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(seq) || seq < 1) throw validationFailed('cursor: not a cursor this API gave out');
  return seq;
}

export async function readHistory(db: Db, caseId: string, page: { limit: number; cursor?: string }): Promise<{ items: HistoryEvent[]; nextCursor: string | null }> {
  const after = page.cursor ? decodeSeqCursor(page.cursor) : 0;
  const rows = await db
    .selectFrom('audit_events')
    .select(['seq', 'at', 'actor', 'action', 'data', 'prev_hash', 'hash'])
    .where('chain_id', '=', caseId)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit).map((r) => ({
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    actor: { sub: r.actor.sub, role: r.actor.role, org: r.actor.org, division: r.actor.division },
    action: r.action,
    data: r.data,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > page.limit && last ? encodeSeqCursor(last.seq) : null };
}
