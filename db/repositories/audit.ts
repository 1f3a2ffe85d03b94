// The audit chain: per chain (a case, or the subsidy standards), each event carries the hash of
// the one before it, so any alteration, deletion, insertion or reordering shows. Appends lock the
// chain's head row, so concurrent writers for one chain stay strictly linear.
import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Actor, Database } from '../schema.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEventInput {
  chainId: string;
  /** Unique within the chain: a retried write with the same key is a no-op. */
  eventKey: string;
  at: string;
  actor: Actor;
  action: string;
  data: Record<string, unknown>;
  workflowId: string | null;
  runId: string | null;
  /** The division the chain belongs to, for jurisdiction-wide verification and export. */
  division: string | null;
}

export interface HashedFields {
  chainId: string;
  seq: number;
  at: string;
  actor: Actor;
  action: string;
  data: unknown;
  workflowId: string | null;
  runId: string | null;
  prevHash: string;
}

/** JSON with object keys sorted at every level: the same event always serialises the same way. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashEvent(fields: HashedFields): string {
  const normalised = { ...fields, at: new Date(fields.at).toISOString() };
  return createHash('sha256').update(canonicalJson(normalised)).digest('hex');
}

/** Appends the event unless its key is already in the chain; returns its sequence number. */
export async function appendAuditEvent(trx: Transaction<Database>, e: AuditEventInput): Promise<number> {
  await trx
    .insertInto('audit_heads')
    .values({ chain_id: e.chainId, seq: 0, hash: GENESIS_HASH, division_code: e.division })
    .onConflict((oc) => oc.column('chain_id').doNothing())
    .execute();
  const head = await trx.selectFrom('audit_heads').select(['seq', 'hash']).where('chain_id', '=', e.chainId).forUpdate().executeTakeFirstOrThrow();
  const existing = await trx
    .selectFrom('audit_events')
    .select('seq')
    .where('chain_id', '=', e.chainId)
    .where('event_key', '=', e.eventKey)
    .executeTakeFirst();
  if (existing) return existing.seq;
  const seq = head.seq + 1;
  const data = e.data;
  const hash = hashEvent({ chainId: e.chainId, seq, at: e.at, actor: e.actor, action: e.action, data, workflowId: e.workflowId, runId: e.runId, prevHash: head.hash });
  await trx
    .insertInto('audit_events')
    .values({
      chain_id: e.chainId,
      seq,
      event_key: e.eventKey,
      at: e.at,
      actor: JSON.stringify(e.actor),
      action: e.action,
      data: JSON.stringify(data),
      workflow_id: e.workflowId,
      run_id: e.runId,
      prev_hash: head.hash,
      hash,
    })
    .execute();
  await trx
    .updateTable('audit_heads')
    .set({ seq, hash, updated_at: new Date(), ...(e.division ? { division_code: e.division } : {}) })
    .where('chain_id', '=', e.chainId)
    .execute();
  return seq;
}
