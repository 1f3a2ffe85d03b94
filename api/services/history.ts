// A case's audit chain for the people entitled to it: the auditor over its division and the
// parties to the case (the institution raising the youth, civil affairs and finance covering it,
// a department only through a task of its own on the case). Anyone else is told it does not exist.
import type { Db } from '../../db/database.js';
import { findCaseScope } from '../../db/repositories/readModels.js';
import { type Principal, caseInScope } from '../../domain/access.js';
import type { AuditEventType } from '../../domain/eventTypes.js';
import { departmentHasTask } from './caseViews.js';
import { notFound, validationFailed } from '../errors.js';
import type { HistoryEvent } from '../schemas/history.js';

/** The case's division, once the caller is shown to be entitled to its history; 404 otherwise. */
export async function caseInReach(db: Db, principal: Principal, caseId: string): Promise<{ division: string }> {
  const caseRow = await findCaseScope(db, caseId);
  if (!caseRow || !caseInScope(principal, { division: caseRow.division_code, institutionId: caseRow.institution_id }))
    throw notFound('case');
  // The same rule as reading the case: a department reaches it through a task of its own.
  if (principal.role === 'department' && !(await departmentHasTask(db, principal, caseId))) throw notFound('case');
  return { division: caseRow.division_code };
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

export async function readHistory(
  db: Db,
  caseId: string,
  page: { limit: number; cursor?: string },
): Promise<{ items: HistoryEvent[]; nextCursor: string | null }> {
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
    // Written by appendAuditEvent, which takes only these types; a forged row is shown as stored
    // (verification is what names it).
    action: r.action as AuditEventType,
    data: r.data,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > page.limit && last ? encodeSeqCursor(last.seq) : null };
}
