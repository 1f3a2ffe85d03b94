// The jurisdiction export: every event of every chain whose division the auditor covers, within
// a time window, ordered by chain then seq. Rows are read a page at a time (keyset on chain_id,
// seq) and written out as they come, so memory stays flat however large the export.
import type { Db } from '../../db/database.js';
import { storedHashFields } from '../../db/repositories/audit.js';
import type { AuditEventRow } from '../../db/schema.js';
import { type Principal } from '../../domain/access.js';
import { divisionCovers, divisionPrefix } from '../../domain/divisions.js';
import { validationFailed } from '../errors.js';
import type { ExportQuery } from '../schemas/history.js';

const PAGE = 1000;
const MAX_WINDOW_DAYS = 366;
const DAY_MS = 86_400_000;

export interface ExportWindow {
  division: string;
  from: Date;
  to: Date;
}

/** Checks the division (exists, within the auditor's) and the window (both ends, at most 366 days). */
export async function exportWindow(db: Db, principal: Principal, q: ExportQuery): Promise<ExportWindow> {
  const division = q.division ?? principal.division;
  if (!divisionCovers(principal.division, division))
    throw validationFailed(`division: ${division} is not within your jurisdiction ${principal.division}`);
  const known = await db.selectFrom('divisions').select('code').where('code', '=', division).executeTakeFirst();
  if (!known) throw validationFailed(`division: ${division} is not a known division code`);
  const from = new Date(q.from);
  const to = new Date(q.to);
  if (!(from < to)) throw validationFailed('to: must be later than from');
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * DAY_MS)
    throw validationFailed(`to: the window from..to may span at most ${MAX_WINDOW_DAYS} days`);
  return { division, from, to };
}

type ExportRow = Pick<
  AuditEventRow,
  'chain_id' | 'seq' | 'at' | 'actor' | 'action' | 'data' | 'workflow_id' | 'run_id' | 'prev_hash' | 'hash'
>;

async function* pages(db: Db, w: ExportWindow): AsyncGenerator<ExportRow[]> {
  let after: { chainId: string; seq: number } | null = null;
  for (;;) {
    let q = db
      .selectFrom('audit_events as e')
      .innerJoin('audit_heads as h', 'h.chain_id', 'e.chain_id')
      .select([
        'e.chain_id',
        'e.seq',
        'e.at',
        'e.actor',
        'e.action',
        'e.data',
        'e.workflow_id',
        'e.run_id',
        'e.prev_hash',
        'e.hash',
      ])
      .where('h.division_code', 'like', `${divisionPrefix(w.division)}%`)
      .where('e.at', '>=', w.from)
      .where('e.at', '<', w.to);
    if (after) {
      const { chainId, seq } = after;
      q = q.where((eb) => eb(eb.refTuple('e.chain_id', 'e.seq'), '>', eb.tuple(chainId, seq)));
    }
    const rows = await q.orderBy('e.chain_id').orderBy('e.seq').limit(PAGE).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = { chainId: last.chain_id, seq: last.seq };
  }
}

export async function* ndjsonExport(db: Db, w: ExportWindow): AsyncGenerator<string> {
  for await (const rows of pages(db, w)) {
    // Everything the hash covers, so an auditor can recompute each hash from the export alone.
    yield rows.map((r) => JSON.stringify({ ...storedHashFields(r.chain_id, r), hash: r.hash })).join('\n') + '\n';
  }
}

export const CSV_HEADER = [
  'chain_id',
  'seq',
  'at',
  'actor_sub',
  'actor_role',
  'actor_org',
  'actor_division',
  'action',
  'data',
  'prev_hash',
  'hash',
];

/** RFC 4180: a field with a comma, quote or line break is quoted, and its quotes doubled. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export async function* csvExport(db: Db, w: ExportWindow): AsyncGenerator<string> {
  // The BOM lets spreadsheet software read the UTF-8 (Chinese text) correctly.
  yield `\uFEFF${CSV_HEADER.join(',')}\r\n`;
  for await (const rows of pages(db, w)) {
    yield rows
      .map(
        (r) =>
          [
            r.chain_id,
            r.seq,
            new Date(r.at).toISOString(),
            r.actor.sub,
            r.actor.role,
            r.actor.org,
            r.actor.division,
            r.action,
            JSON.stringify(r.data),
            r.prev_hash,
            r.hash,
          ]
            .map(csvField)
            .join(',') + '\r\n',
      )
      .join('');
  }
}
