// Anchors the audit chains outside the database: the head (seq, hash) of every chain that moved
// since its last anchor is appended to an append-only file, one JSON line per head, signed with
// HMAC-SHA256. Someone able to rewrite a whole chain consistently in PostgreSQL (a superuser)
// cannot also forge these lines without the key, so verification against the latest anchor shows
// the rewrite. Ship the file somewhere the database's administrators cannot write (WORM storage,
// another team's log host) to make the anchor worth more than the database.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Db } from '../db/database.js';
import { canonicalJson, chainHeadsPage } from '../db/repositories/audit.js';
import type { ChainAnchor } from '../db/repositories/auditVerify.js';

export interface AuditAnchorActivities {
  /** Anchors every chain head changed since its last anchor; returns how many were anchored. */
  anchorChainHeads(): Promise<number>;
}

export interface AnchorDeps {
  db: Db;
  anchorFile: string;
  anchorKey: string;
}

/** One line of the anchor file, before its signature. */
interface AnchorRecord {
  v: 1;
  chainId: string;
  seq: number;
  hash: string;
  division: string | null;
  anchoredAt: string;
}

export interface LatestAnchor extends ChainAnchor {
  division: string | null;
  anchoredAt: string;
}

export interface RejectedAnchorLine {
  line: number;
  reason: 'unreadable' | 'bad_signature';
}

export interface AnchorFileContents {
  /** The latest validly signed anchor per chain. */
  anchors: Map<string, LatestAnchor>;
  /** Lines not trusted: a torn last line after a crash, or one whose signature does not hold. */
  rejected: RejectedAnchorLine[];
}

const HEADS_PAGE = 5000;

function sign(key: string, record: AnchorRecord): string {
  return createHmac('sha256', key).update(canonicalJson(record)).digest('hex');
}

function signatureHolds(key: string, record: AnchorRecord, sig: string): boolean {
  const expected = Buffer.from(sign(key, record), 'hex');
  const given = Buffer.from(sig, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function parseLine(text: string): { record: AnchorRecord; sig: string } | null {
  try {
    const o = JSON.parse(text) as Record<string, unknown>;
    const { v, chainId, seq, hash, division, anchoredAt, sig } = o;
    if (
      v !== 1 ||
      typeof chainId !== 'string' ||
      !Number.isInteger(seq) ||
      typeof hash !== 'string' ||
      typeof anchoredAt !== 'string' ||
      typeof sig !== 'string'
    )
      return null;
    if (division !== null && typeof division !== 'string') return null;
    return { record: { v, chainId, seq: seq as number, hash, division, anchoredAt }, sig };
  } catch {
    return null;
  }
}

/** Reads the anchor file (a missing file holds no anchors), trusting only lines signed with `key`. */
export async function readLatestAnchors(file: string, key: string): Promise<AnchorFileContents> {
  const anchors = new Map<string, LatestAnchor>();
  const rejected: RejectedAnchorLine[] = [];
  if (!(await stat(file).catch(() => null))) return { anchors, rejected };
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    n += 1;
    if (text.trim() === '') continue;
    const parsed = parseLine(text);
    if (!parsed) {
      rejected.push({ line: n, reason: 'unreadable' });
      continue;
    }
    const { record, sig } = parsed;
    if (!signatureHolds(key, record, sig)) {
      rejected.push({ line: n, reason: 'bad_signature' });
      continue;
    }
    const known = anchors.get(record.chainId);
    if (!known || record.seq >= known.seq) {
      anchors.set(record.chainId, {
        seq: record.seq,
        hash: record.hash,
        division: record.division,
        anchoredAt: record.anchoredAt,
      });
    }
  }
  return { anchors, rejected };
}

/** Whether the file's last byte ends a line (a crash may have left half a line behind). */
async function endsWithNewline(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return true;
  try {
    const { size } = await handle.stat();
    if (size === 0) return true;
    const buf = Buffer.alloc(1);
    await handle.read(buf, 0, 1, size - 1);
    return buf[0] === 0x0a;
  } finally {
    await handle.close();
  }
}

export function createAnchorActivities({ db, anchorFile, anchorKey }: AnchorDeps): AuditAnchorActivities {
  return {
    async anchorChainHeads(): Promise<number> {
      // The file itself says what is already anchored, so a retry after a crash part-way through
      // anchors only the heads whose lines did not make it.
      const { anchors } = await readLatestAnchors(anchorFile, anchorKey);
      await mkdir(dirname(anchorFile), { recursive: true });
      const anchoredAt = new Date().toISOString();
      let count = 0;
      let after = '';
      let needsNewline = !(await endsWithNewline(anchorFile));
      for (;;) {
        const heads = await chainHeadsPage(db, { after, limit: HEADS_PAGE });
        if (heads.length === 0) break;
        after = heads[heads.length - 1]!.chainId;
        const lines: string[] = [];
        for (const head of heads) {
          // A head created for a chain's first event that has not been appended yet: nothing to anchor.
          if (head.seq === 0) continue;
          const known = anchors.get(head.chainId);
          if (known && known.seq === head.seq && known.hash === head.hash) continue;
          const record: AnchorRecord = {
            v: 1,
            chainId: head.chainId,
            seq: head.seq,
            hash: head.hash,
            division: head.division,
            anchoredAt,
          };
          lines.push(JSON.stringify({ ...record, sig: sign(anchorKey, record) }));
        }
        if (lines.length === 0) continue;
        const handle = await open(anchorFile, 'a', 0o600);
        try {
          await handle.appendFile(`${needsNewline ? '\n' : ''}${lines.join('\n')}\n`, 'utf8');
          await handle.sync();
        } finally {
          await handle.close();
        }
        needsNewline = false;
        count += lines.length;
      }
      return count;
    },
  };
}
