// 4. Audit: hash-chained appends (appendAuditEvent, one statement, as the API audits a read of a
// full ID number) across many cases at once, against plain single-row INSERTs into a table of the
// same shape; and the time to verify a 1,000-event chain against reading the same rows.
import { sql } from 'kysely';
import { createDb } from '../db/database.js';
import { appendAuditEvent } from '../db/repositories/audit.js';
import { verifyChain } from '../db/repositories/auditVerify.js';
import { civilAffairs } from '../test/support/fixtures.js';
import type { Indexes } from './support/indexes.js';
import { runAlternating } from './support/loop.js';
import { type Figure, figure, log } from './support/report.js';
import type { BenchServices } from './support/services.js';

const CHAINS = 500;
const CONCURRENCY = 16;
/** The two sides take turns, six rounds each, so a noisy neighbour weighs on both. */
const ROUNDS = 6;

/** What a typical case event carries. */
function eventData(i: number) {
  return {
    from: 'review',
    to: 'social_placement',
    decision: 'approve',
    comment: '同意社会化安置',
    pathway: 'social_placement',
    i,
  };
}

export async function benchAudit(
  s: BenchServices,
  scale: number,
  _ids: Indexes,
): Promise<{ figures: Figure[]; notes: string[] }> {
  const seconds = Math.max(2, Math.round(6 * scale));
  // Its own pool, one connection per concurrent writer, so neither side waits for a connection.
  const db = createDb({ connectionString: s.databaseUrl, maxConnections: CONCURRENCY, applicationName: 'bench-audit' });
  const actor = civilAffairs();
  const at = () => new Date().toISOString();
  try {
    await sql`CREATE TABLE bench_plain_audit (LIKE audit_events INCLUDING ALL)`.execute(db);

    const hash = 'f'.repeat(64);
    const { a: chained, b: plain } = await runAlternating({
      rounds: ROUNDS,
      concurrency: CONCURRENCY,
      roundMs: (seconds * 1000) / ROUNDS,
      a: (i) =>
        appendAuditEvent(db, {
          chainId: `case-bench-audit-${i % CHAINS}`,
          eventKey: `bench:${i}`,
          at: at(),
          actor,
          action: 'stage.changed',
          data: eventData(i),
          workflowId: `case-bench-audit-${i % CHAINS}`,
          runId: 'bench-run',
          division: '150102',
        }),
      b: (i) =>
        sql`INSERT INTO bench_plain_audit (chain_id, seq, event_key, at, actor, action, data, workflow_id, run_id, prev_hash, hash)
            VALUES (${`case-bench-audit-${i % CHAINS}`}, ${i + 1}, ${`bench:${i}`}, ${at()}, ${JSON.stringify(actor)}, 'stage.changed',
                    ${JSON.stringify(eventData(i))}, ${`case-bench-audit-${i % CHAINS}`}, 'bench-run', ${hash}, ${hash})`.execute(
          db,
        ),
    });
    log(
      `  hash-chained appends: ${chained.perSecond.toFixed(0)}/s, p50 ${chained.p50.toFixed(1)} ms, p99 ${chained.p99.toFixed(1)} ms (${chained.completed}, ${chained.errors} errors${chained.firstError ? `: ${chained.firstError}` : ''})`,
    );
    log(
      `  plain INSERTs:        ${plain.perSecond.toFixed(0)}/s, p50 ${plain.p50.toFixed(1)} ms, p99 ${plain.p99.toFixed(1)} ms (${plain.completed}, ${plain.errors} errors)`,
    );

    const verification = await benchVerify(s, db);
    return {
      figures: [
        figure({
          name: `audit: hash-chained appends (${CHAINS} chains, ${CONCURRENCY} writers)`,
          value: chained.perSecond,
          unit: 'appends/s',
          baseline: 'plain single-row INSERT, same shape',
          baselineValue: plain.perSecond,
          target: { op: '>=', value: 0.5 },
        }),
        figure({
          name: 'audit: append p99 latency',
          value: chained.p99,
          unit: 'ms',
          baseline: 'plain single-row INSERT, same shape',
          baselineValue: plain.p99,
        }),
        ...verification,
      ],
      notes: [],
    };
  } finally {
    await db.destroy();
  }
}

async function benchVerify(s: BenchServices, db: ReturnType<typeof createDb>): Promise<Figure[]> {
  const chainId = 'case-bench-verify';
  const events = 1000;
  const t0 = performance.now();
  // Ten appends per transaction only to build the chain quickly; each is the ordinary append.
  for (let i = 0; i < events; i += 10) {
    await db.transaction().execute(async (trx) => {
      for (let k = i; k < i + 10; k++) {
        await appendAuditEvent(trx, {
          chainId,
          eventKey: `wf:${k + 1}`,
          at: new Date().toISOString(),
          actor: civilAffairs(),
          action: 'stage.changed',
          data: eventData(k),
          workflowId: chainId,
          runId: 'bench-run',
          division: '150102',
        });
      }
    });
  }
  log(`  built a ${events}-event chain in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const verifyMs: number[] = [];
  const readMs: number[] = [];
  for (let round = 0; round < 5; round++) {
    const r0 = performance.now();
    await db.selectFrom('audit_events').selectAll().where('chain_id', '=', chainId).orderBy('seq').execute();
    readMs.push(performance.now() - r0);
    const v0 = performance.now();
    const result = await verifyChain(s.db, chainId);
    verifyMs.push(performance.now() - v0);
    if (!result.valid || result.events !== events) throw new Error(`verifyChain: ${JSON.stringify(result)}`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  log(
    `  verifyChain of ${events} events: median ${median(verifyMs).toFixed(1)} ms; reading the rows alone: ${median(readMs).toFixed(1)} ms`,
  );
  return [
    figure({
      name: `audit: verify a ${events}-event chain (verifyChain)`,
      value: median(verifyMs),
      unit: 'ms',
      baseline: 'SELECT of the same rows',
      baselineValue: median(readMs),
    }),
  ];
}
