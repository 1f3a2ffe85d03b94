// The audit chain: per chain (a case, or the subsidy standards), each event carries the hash of
// the one before it, so any alteration, deletion, insertion or reordering shows. An event's hash
// links three things: the hash before it, its place in the chain, and the digest of its content:
//     hash = SHA-256(prevHash ":" seq ":" SHA-256(canonical JSON of the content))
// The content digest is computed here; the link is computed by PostgreSQL in the one statement
// that locks the chain's head, moves it and inserts the event, so concurrent writers for one chain
// stay strictly linear at the cost of a single round trip.
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Principal } from '../../domain/access.js';
import type { AuditEventType } from '../../domain/eventTypes.js';
import type { AuditEventRow, Database } from '../schema.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEventInput {
  chainId: string;
  /** Unique within the chain: a retried write with the same key is a no-op. */
  eventKey: string;
  at: string;
  actor: Principal;
  /** The event type, stored (and hashed) as `action`. */
  action: AuditEventType;
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
  actor: Principal;
  /** As stored: verification recomputes the hash of whatever the row holds. */
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

/** The digest of what an event says, apart from where it sits in the chain. */
export function contentDigest(fields: Omit<HashedFields, 'seq' | 'prevHash'>): string {
  const { chainId, at, actor, action, data, workflowId, runId } = fields;
  const content = { chainId, at: new Date(at).toISOString(), actor, action, data, workflowId, runId };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** The link: what the append statement computes in SQL, written out for verification. */
export function linkHash(prevHash: string, seq: number, digest: string): string {
  return createHash('sha256').update(`${prevHash}:${seq}:${digest}`).digest('hex');
}

export function hashEvent(fields: HashedFields): string {
  return linkHash(fields.prevHash, fields.seq, contentDigest(fields));
}

/**
 * Appends the event unless its key is already in the chain; returns its sequence number.
 * One statement, atomic on its own (callers use a transaction only to bind it to other writes):
 * it locks the chain's head, moves it one step with the linked hash and inserts the event from
 * what the head returns. A head that already holds the key, as its last event or an earlier one,
 * does not move and nothing is inserted; the event's seq is then read back. A chain's first
 * event creates its head first (two more statements, once per chain).
 * A retry that started before a racing duplicate committed and waited behind a third writer can
 * still miss it; the unique (chain_id, event_key) index then refuses the statement as a whole,
 * the head included, and the caller's retry finds the event.
 */
export async function appendAuditEvent(db: Kysely<Database>, e: AuditEventInput): Promise<number> {
  const digest = contentDigest(e);
  const seq = (await moveHeadAndInsert(db, e, digest)) ?? (await existingSeq(db, e));
  if (seq !== undefined) return seq;
  await db
    .insertInto('audit_heads')
    .values({ chain_id: e.chainId, seq: 0, hash: GENESIS_HASH, division_code: e.division })
    .onConflict((oc) => oc.column('chain_id').doNothing())
    .execute();
  const afterCreating = (await moveHeadAndInsert(db, e, digest)) ?? (await existingSeq(db, e));
  if (afterCreating === undefined) throw new Error(`audit append to ${e.chainId}: the chain head it created is gone`);
  return afterCreating;
}

async function moveHeadAndInsert(
  db: Kysely<Database>,
  e: AuditEventInput,
  digest: string,
): Promise<number | undefined> {
  const appended = await sql<{ seq: number }>`
    WITH head AS (
      UPDATE audit_heads AS h SET
        seq = h.seq + 1,
        prev_hash = h.hash,
        hash = encode(sha256(convert_to(h.hash || ':' || (h.seq + 1)::text || ':' || ${digest}::text, 'UTF8')), 'hex'),
        last_event_key = ${e.eventKey}::text,
        division_code = COALESCE(${e.division}::char(6), h.division_code),
        updated_at = now()
      WHERE h.chain_id = ${e.chainId}
        AND h.last_event_key IS DISTINCT FROM ${e.eventKey}::text
        AND NOT EXISTS (SELECT 1 FROM audit_events x WHERE x.chain_id = h.chain_id AND x.event_key = ${e.eventKey})
      RETURNING seq, prev_hash, hash)
    INSERT INTO audit_events (chain_id, seq, event_key, at, actor, action, data, workflow_id, run_id, prev_hash, hash)
    SELECT ${e.chainId}, head.seq, ${e.eventKey}, ${e.at}, ${JSON.stringify(e.actor)}, ${e.action}, ${JSON.stringify(e.data)},
           ${e.workflowId}, ${e.runId}, head.prev_hash, head.hash
    FROM head
    RETURNING seq`.execute(db);
  return appended.rows[0]?.seq;
}

async function existingSeq(db: Kysely<Database>, e: AuditEventInput): Promise<number | undefined> {
  const row = await db
    .selectFrom('audit_events')
    .select('seq')
    .where('chain_id', '=', e.chainId)
    .where('event_key', '=', e.eventKey)
    .executeTakeFirst();
  return row?.seq;
}

/**
 * One page of chain heads in chain order after `after` ('' for the first), optionally only the
 * chains of a jurisdiction (a divisionPrefix). For walking every chain without holding them all.
 */
export async function chainHeadsPage(
  db: Kysely<Database>,
  page: { after: string; limit: number; divisionPrefix?: string },
): Promise<Array<{ chainId: string; seq: number; hash: string; division: string | null }>> {
  let query = db
    .selectFrom('audit_heads')
    .select(['chain_id as chainId', 'seq', 'hash', 'division_code as division'])
    .where('chain_id', '>', page.after);
  if (page.divisionPrefix !== undefined) query = query.where('division_code', 'like', `${page.divisionPrefix}%`);
  return query.orderBy('chain_id').limit(page.limit).execute();
}
