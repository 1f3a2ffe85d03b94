// The summary report, aggregated by PostgreSQL in one consistent snapshot: the jurisdiction's
// cases by stage and pathway, the subsidy paid (the ledger) and owed (approved, not yet paid) by
// funding share and division, and overdue tasks by department.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { PATHWAYS, STAGES } from '../../domain/vocabulary.js';
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

export async function summarise(db: Db, division: string): Promise<Summary> {
  const [lo, hi] = divisionRange(division);
  const now = new Date();
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

      const codes = [
        ...new Set([...paid.rows, ...owed.rows].map((r) => r.division).filter((d): d is string => d !== null)),
      ].sort();
      const names = codes.length
        ? await trx.selectFrom('divisions').select(['code', 'name']).where('code', 'in', codes).execute()
        : [];

      const casesByStage = Object.fromEntries(STAGES.map((s) => [s, 0])) as Summary['casesByStage'];
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
        casesByPathway,
        subsidy: {
          paid: total(paid.rows),
          owed: total(owed.rows),
          byDivision: codes.map((code) => ({
            division: code,
            name: names.find((n) => n.code === code)?.name ?? code,
            paid: of(paid.rows, code),
            owed: of(owed.rows, code),
          })),
        },
        overdueTasksByDepartment: overdue.rows.map((r) => ({ department: r.department, overdue: Number(r.overdue) })),
      };
    });
}
