// The summary report, aggregated by PostgreSQL in one consistent snapshot: the jurisdiction's
// cases by stage and pathway, the subsidy paid (the ledger) and owed (approved, not yet paid) by
// funding share and division, overdue tasks by department, the cases by stage of each division one
// level down, and the registrations and closures of the last 12 months.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { divisionLevel } from '../../domain/divisions.js';
import { addMonths, shanghaiDateOf, startOfShanghaiDay } from '../../domain/shanghaiDates.js';
import { PATHWAYS, STAGES, type Stage } from '../../domain/vocabulary.js';
import type { Summary } from '../schemas/reports.js';
import { divisionRange } from './jurisdiction.js';

type Amounts = Summary['subsidy']['paid'];
interface AmountRow {
  division: string | null;
  cases: number;
  amount: number;
  regional: number;
  local: number;
}

const zero = (): Amounts => ({ cases: 0, amountFen: 0, regionalShareFen: 0, localShareFen: 0 });
const amounts = (r: AmountRow | undefined): Amounts =>
  r
    ? {
        cases: Number(r.cases),
        amountFen: Number(r.amount),
        regionalShareFen: Number(r.regional),
        localShareFen: Number(r.local),
      }
    : zero();

const zeroStages = () => Object.fromEntries(STAGES.map((s) => [s, 0])) as Summary['casesByStage'];

/** The first instants of the 12 months up to now's, Asia/Shanghai, oldest first, and the month after the last. */
function lastMonths(now: Date): { month: string; from: Date; to: Date }[] {
  const current = `${shanghaiDateOf(now).slice(0, 7)}-01`;
  return Array.from({ length: 12 }, (_, i) => {
    const first = addMonths(current, i - 11);
    return { month: first.slice(0, 7), from: startOfShanghaiDay(first), to: startOfShanghaiDay(addMonths(first, 1)) };
  });
}

/**
 * The summary over `division` and below; `jurisdiction` (the caller's own) bounds the divisions
 * offered for narrowing.
 */
export async function summarise(db: Db, division: string, jurisdiction: string = division): Promise<Summary> {
  const [lo, hi] = divisionRange(division);
  const [ownLo, ownHi] = divisionRange(jurisdiction);
  const now = new Date();
  const months = lastMonths(now);
  // The region's figures by league, a league's by banner/county, a county's its own.
  const below =
    divisionLevel(division) === 'region'
      ? sql<string>`substr(division_code, 1, 4) || '00'`
      : sql<string>`division_code::text`;
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => {
      const counts = await sql<{ stage: string | null; pathway: string | null; by_stage: boolean; n: number }>`
        SELECT stage, pathway, grouping(pathway) = 1 AS by_stage, count(*) AS n
        FROM cases WHERE division_code BETWEEN ${lo} AND ${hi}
        GROUP BY GROUPING SETS ((stage), (pathway))`.execute(trx);

      // Grand totals come from the empty grouping set (division null), also when nothing matches.
      const paid = await sql<AmountRow>`
        SELECT c.division_code AS division, count(*) AS cases,
               coalesce(sum(d.amount_fen), 0)::bigint AS amount,
               coalesce(sum(d.regional_share_fen), 0)::bigint AS regional,
               coalesce(sum(d.local_share_fen), 0)::bigint AS local
        FROM disbursements d JOIN cases c ON c.case_id = d.case_id
        WHERE d.status = 'paid' AND c.division_code BETWEEN ${lo} AND ${hi}
        GROUP BY GROUPING SETS ((c.division_code), ())`.execute(trx);
      const owed = await sql<AmountRow>`
        SELECT division_code AS division, count(*) AS cases,
               coalesce(sum((subsidy ->> 'amountFen')::bigint), 0)::bigint AS amount,
               coalesce(sum((subsidy ->> 'regionalShareFen')::bigint), 0)::bigint AS regional,
               coalesce(sum((subsidy ->> 'localShareFen')::bigint), 0)::bigint AS local
        FROM cases
        WHERE division_code BETWEEN ${lo} AND ${hi}
          AND pathway = 'social_placement' AND stage NOT IN ('withdrawn', 'closed')
          AND jsonb_typeof(subsidy) = 'object' AND subsidy ->> 'status' IN ('computed', 'approved', 'failed')
        GROUP BY GROUPING SETS ((division_code), ())`.execute(trx);
      const overdue = await sql<{ department: string; overdue: number }>`
        SELECT coalesce(t.department, 'institution') AS department, count(*) AS overdue
        FROM tasks t JOIN cases c ON c.case_id = t.case_id
        WHERE t.status IN ('open', 'blocked') AND t.due_at < ${now} AND c.division_code BETWEEN ${lo} AND ${hi}
        GROUP BY 1 ORDER BY 2 DESC, 1`.execute(trx);

      const byDivision = await sql<{ division: string; stage: string; n: number }>`
        SELECT ${below} AS division, stage, count(*) AS n
        FROM cases WHERE division_code BETWEEN ${lo} AND ${hi}
        GROUP BY 1, 2 ORDER BY 1`.execute(trx);
      const monthly = await sql<{ i: number; registered: number; closed: number }>`
        SELECT m.i,
               (SELECT count(*) FROM cases WHERE division_code BETWEEN ${lo} AND ${hi}
                  AND created_at >= m.from_at AND created_at < m.to_at) AS registered,
               (SELECT count(*) FROM cases WHERE division_code BETWEEN ${lo} AND ${hi} AND stage = 'closed'
                  AND closed_at >= m.from_at AND closed_at < m.to_at) AS closed
        FROM unnest(${months.map((m) => m.from)}::timestamptz[], ${months.map((m) => m.to)}::timestamptz[])
             WITH ORDINALITY AS m(from_at, to_at, i)
        ORDER BY m.i`.execute(trx);
      const divisions = await trx
        .selectFrom('divisions')
        .select(['code', 'name', 'parent_code'])
        .where('code', '>=', ownLo)
        .where('code', '<=', ownHi)
        .orderBy('code')
        .execute();
      const name = (code: string) => divisions.find((d) => d.code === code)?.name ?? code;

      const codes = [
        ...new Set([...paid.rows, ...owed.rows].map((r) => r.division).filter((d): d is string => d !== null)),
      ].sort();
      const stagesOf = new Map<string, Summary['casesByStage']>();
      for (const r of byDivision.rows) {
        const stages = stagesOf.get(r.division) ?? zeroStages();
        if (r.stage in stages) stages[r.stage as Stage] = Number(r.n);
        stagesOf.set(r.division, stages);
      }

      const casesByStage = zeroStages();
      const casesByPathway = Object.fromEntries([...PATHWAYS, 'none'].map((p) => [p, 0])) as Summary['casesByPathway'];
      for (const r of counts.rows) {
        if (r.by_stage && r.stage !== null && r.stage in casesByStage)
          casesByStage[r.stage as keyof typeof casesByStage] = Number(r.n);
        if (!r.by_stage) casesByPathway[(r.pathway ?? 'none') as keyof typeof casesByPathway] += Number(r.n);
      }
      const total = (rows: AmountRow[]) => amounts(rows.find((r) => r.division === null));
      const of = (rows: AmountRow[], code: string) => amounts(rows.find((r) => r.division === code));
      return {
        division,
        generatedAt: now.toISOString(),
        casesByStage,
        casesByDivision: [...stagesOf].map(([code, stages]) => ({ division: code, name: name(code), stages })),
        monthly: monthly.rows.map((r) => ({
          month: months[Number(r.i) - 1]!.month,
          registered: Number(r.registered),
          closed: Number(r.closed),
        })),
        divisions: divisions.map((d) => ({ division: d.code, name: d.name, parent: d.parent_code })),
        casesByPathway,
        subsidy: {
          paid: total(paid.rows),
          owed: total(owed.rows),
          byDivision: codes.map((code) => ({
            division: code,
            name: name(code),
            paid: of(paid.rows, code),
            owed: of(owed.rows, code),
          })),
        },
        overdueTasksByDepartment: overdue.rows.map((r) => ({ department: r.department, overdue: Number(r.overdue) })),
      };
    });
}
