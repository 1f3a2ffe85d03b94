// Verifies one audit chain from its stored rows alone: every hash is recomputed exactly as the
// append computed it, every prev_hash must link to the event before, seq must run 1..n, the chain
// head must agree with the last event, and the latest signed anchor (if any) must still be there.
// When something is off, the evidence is read to name what most likely happened.
import type { Db } from '../database.js';
import type { AuditEventRow } from '../schema.js';
import { GENESIS_HASH, hashEvent, storedHashFields } from './audit.js';

export const BREAK_REASONS = ['altered', 'deleted', 'inserted', 'reordered', 'anchor_mismatch'] as const;
export type BreakReason = (typeof BREAK_REASONS)[number];

export interface ChainBreak {
  seq: number;
  reason: BreakReason;
  detail: string;
}

export interface ChainVerification {
  valid: boolean;
  /** How many events the chain holds now. */
  events: number;
  brokenAt: ChainBreak | null;
}

/** A chain head as signed into the anchor file at some earlier time. */
export interface ChainAnchor {
  seq: number;
  hash: string;
  anchoredAt?: string;
}

type Row = Pick<
  AuditEventRow,
  'seq' | 'at' | 'actor' | 'action' | 'data' | 'workflow_id' | 'run_id' | 'prev_hash' | 'hash'
>;

export async function verifyChain(db: Db, chainId: string, anchor?: ChainAnchor | null): Promise<ChainVerification> {
  // One snapshot for events and head: an append committing meanwhile must not look like a break.
  const { rows, head } = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => ({
      rows: await trx
        .selectFrom('audit_events')
        .select(['seq', 'at', 'actor', 'action', 'data', 'workflow_id', 'run_id', 'prev_hash', 'hash'])
        .where('chain_id', '=', chainId)
        .orderBy('seq')
        .execute(),
      head: await trx
        .selectFrom('audit_heads')
        .select(['seq', 'hash'])
        .where('chain_id', '=', chainId)
        .executeTakeFirst(),
    }));
  const brokenAt = walk(chainId, rows) ?? checkHead(rows, head) ?? checkAnchor(rows, anchor ?? null);
  return { valid: brokenAt === null, events: rows.length, brokenAt };
}

function recompute(chainId: string, r: Row, seq = r.seq): string {
  return hashEvent(storedHashFields(chainId, r, { seq }));
}

function walk(chainId: string, rows: Row[]): ChainBreak | null {
  let prevHash = GENESIS_HASH;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const expected = i === 0 ? 1 : rows[i - 1]!.seq + 1;
    if (r.seq > expected) {
      const missing =
        r.seq - expected === 1 ? `event ${expected} is missing` : `events ${expected} to ${r.seq - 1} are missing`;
      return { seq: expected, reason: 'deleted', detail: `${missing}: seq jumps from ${expected - 1} to ${r.seq}` };
    }
    if (r.prev_hash === prevHash && recompute(chainId, r) === r.hash) {
      prevHash = r.hash;
      continue;
    }
    return diagnose(chainId, rows, i);
  }
  return null;
}

/** Names the first inconsistency at rows[i] as well as the rest of the chain lets us. */
function diagnose(chainId: string, rows: Row[], i: number): ChainBreak {
  const r = rows[i]!;
  const selfConsistent = recompute(chainId, r) === r.hash;
  // A row whose hash holds for another seq is intact content moved to a new place.
  const writtenAs = selfConsistent ? r.seq : findOriginalSeq(chainId, r, rows);
  if (writtenAs === null) {
    return {
      seq: r.seq,
      reason: 'altered',
      detail: `the stored fields of event ${r.seq} no longer produce its stored hash`,
    };
  }
  // -1: it claims to be the first event; null: the event it links to is nowhere in the chain.
  const found = rows.findIndex((x) => x.hash === r.prev_hash);
  const predecessor = r.prev_hash === GENESIS_HASH ? -1 : found >= 0 ? found : null;
  const moved = writtenAs !== r.seq ? ` (it was written as seq ${writtenAs})` : '';
  if (predecessor !== null && predecessor > i) {
    return {
      seq: r.seq,
      reason: 'reordered',
      detail: `event ${r.seq} links to event ${rows[predecessor]!.seq}, which now comes after it${moved}`,
    };
  }
  if (predecessor === -1 && i > 0) {
    return {
      seq: r.seq,
      reason: 'reordered',
      detail: `event ${r.seq} is the chain's first event but sits at seq ${r.seq}${moved}`,
    };
  }
  if (predecessor !== null && predecessor >= 0 && predecessor < i - 1) {
    const first = rows[predecessor + 1]!.seq;
    return {
      seq: first,
      reason: 'inserted',
      detail: `events ${first} to ${r.seq - 1} were not in the chain: event ${r.seq} links to event ${rows[predecessor]!.seq}${moved}`,
    };
  }
  if (predecessor === i - 1) {
    // Links where it sits, but its hash holds only for another seq: the seq itself was edited.
    return { seq: r.seq, reason: 'altered', detail: `the seq of event ${r.seq} was changed${moved}` };
  }
  // Its predecessor's hash is nowhere in the chain.
  if (writtenAs !== r.seq) {
    return {
      seq: r.seq,
      reason: 'deleted',
      detail: `the event that event ${r.seq} links to is gone and later events were renumbered${moved}`,
    };
  }
  const successorLinks = rows.some((x) => x.prev_hash === r.hash);
  if (successorLinks && i > 0) {
    // r is genuine (the chain goes on from it), so the event before it was rewritten and rehashed.
    const prev = rows[i - 1]!.seq;
    return {
      seq: prev,
      reason: 'altered',
      detail: `event ${prev} was rewritten with a fresh hash: event ${r.seq} still links to its original hash`,
    };
  }
  return {
    seq: r.seq,
    reason: 'inserted',
    detail: `event ${r.seq} is consistent in itself but links to no event of the chain`,
  };
}

function findOriginalSeq(chainId: string, r: Row, rows: Row[]): number | null {
  const last = rows[rows.length - 1]?.seq ?? 0;
  for (let s = 1; s <= last + rows.length + 1; s++) {
    if (s !== r.seq && recompute(chainId, r, s) === r.hash) return s;
  }
  return null;
}

/** The head row is written in the same transaction as every append: it must agree with the tail. */
function checkHead(rows: Row[], head: { seq: number; hash: string } | undefined): ChainBreak | null {
  if (!head) return null;
  const last = rows[rows.length - 1];
  const lastSeq = last?.seq ?? 0;
  if (head.seq > lastSeq) {
    return {
      seq: lastSeq + 1,
      reason: 'deleted',
      detail: `the chain head records ${head.seq} events but the chain ends at ${lastSeq}`,
    };
  }
  if (head.seq < lastSeq) {
    return {
      seq: head.seq + 1,
      reason: 'inserted',
      detail: `the chain head records ${head.seq} events but the chain runs to ${lastSeq}`,
    };
  }
  if (last && last.hash !== head.hash) {
    return {
      seq: last.seq,
      reason: 'altered',
      detail: `event ${last.seq} does not carry the hash the chain head recorded`,
    };
  }
  return null;
}

/** The anchor was signed outside the database: the event it names must still carry its hash. */
function checkAnchor(rows: Row[], anchor: ChainAnchor | null): ChainBreak | null {
  if (!anchor) return null;
  const when = anchor.anchoredAt ? ` on ${anchor.anchoredAt}` : '';
  const row = rows.find((r) => r.seq === anchor.seq);
  if (!row)
    return {
      seq: anchor.seq,
      reason: 'anchor_mismatch',
      detail: `event ${anchor.seq}, anchored${when}, is no longer in the chain`,
    };
  if (row.hash !== anchor.hash) {
    return {
      seq: anchor.seq,
      reason: 'anchor_mismatch',
      detail: `event ${anchor.seq} no longer carries the hash anchored${when}: the chain was rewritten`,
    };
  }
  return null;
}
