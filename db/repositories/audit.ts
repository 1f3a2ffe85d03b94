// The audit chain: per chain (a case, or the subsidy standards), each event carries the hash of
// the one before it, so any alteration, deletion, insertion or reordering shows. Appends lock the
// chain's head row, so concurrent writers for one chain stay strictly linear.
import { createHash } from 'node:crypto';
import { type Transaction, sql } from 'kysely';
import type { Actor, AuditEventRow, Database } from '../schema.js';

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

/** The hashed fields of a stored event, as verification and repair recompute them. */
export function storedHashFields(
  chainId: string,
  r: Pick<AuditEventRow, 'seq' | 'at' | 'actor' | 'action' | 'data' | 'workflow_id' | 'run_id' | 'prev_hash'>,
  overrides: Partial<Pick<HashedFields, 'seq' | 'prevHash'>> = {},
): HashedFields {
  return {
    chainId,
    seq: r.seq,
    at: new Date(r.at).toISOString(),
    actor: r.actor,
    action: r.action,
    data: r.data,
    workflowId: r.workflow_id,
    runId: r.run_id,
    prevHash: r.prev_hash,
    ...overrides,
  };
}

export function hashEvent(fields: HashedFields): string {
  const normalised = { ...fields, at: new Date(fields.at).toISOString() };
  return createHash('sha256').update(canonicalJson(normalised)).digest('hex');
}

/**
 * Appends the event unless its key is already in the chain; returns its sequence number.
 * Two statements: the first creates or locks the chain's head and reads it; the second inserts
 * the event and moves the head only if the event was new (a retried write changes nothing).
 */
export async function appendAuditEvent(trx: Transaction<Database>, e: AuditEventInput): Promise<number> {
  const head = await sql<{ seq: number; hash: string }>`
    INSERT INTO audit_heads (chain_id, seq, hash, division_code) VALUES (${e.chainId}, 0, ${GENESIS_HASH}, ${e.division})
    ON CONFLICT (chain_id) DO UPDATE SET chain_id = EXCLUDED.chain_id
    RETURNING seq, hash`.execute(trx);
  const prev = head.rows[0]!;
  const seq = prev.seq + 1;
  const hash = hashEvent({ chainId: e.chainId, seq, at: e.at, actor: e.actor, action: e.action, data: e.data, workflowId: e.workflowId, runId: e.runId, prevHash: prev.hash });
  const appended = await sql<{ seq: number }>`
    WITH event AS (
      INSERT INTO audit_events (chain_id, seq, event_key, at, actor, action, data, workflow_id, run_id, prev_hash, hash)
      VALUES (${e.chainId}, ${seq}, ${e.eventKey}, ${e.at}, ${JSON.stringify(e.actor)}, ${e.action}, ${JSON.stringify(e.data)},
              ${e.workflowId}, ${e.runId}, ${prev.hash}, ${hash})
      ON CONFLICT (chain_id, event_key) DO NOTHING
      RETURNING seq)
    UPDATE audit_heads SET seq = ${seq}, hash = ${hash}, updated_at = now(), division_code = COALESCE(${e.division}, division_code)
    WHERE chain_id = ${e.chainId} AND EXISTS (SELECT 1 FROM event)
    RETURNING seq`.execute(trx);
  if (appended.rows.length === 1) return seq;
  const existing = await trx.selectFrom('audit_events').select('seq').where('chain_id', '=', e.chainId).where('event_key', '=', e.eventKey).executeTakeFirstOrThrow();
  return existing.seq;
}
