// 1. Registration: POST /v1/cases against starting the same workflow with the same input straight
// from the client, at 1, 16 and 64 concurrent clients. The API answers only once the case has
// settled (its first activities done), so a second baseline, start + the `settled` Update, shows
// how much of the distance is that wait rather than HTTP, validation and the database.
import { randomUUID } from 'node:crypto';
import { startCaseWorkflow } from '../api/services/registration.js';
import { settledUpdate } from '../workflows/case/definitions.js';
import type { caseWorkflow } from '../workflows/case/workflow.js';
import { institution } from '../test/support/fixtures.js';
import { type LoopResult, forEachBounded, runLoop } from './support/loop.js';
import { httpLoad } from './support/httpLoad.js';
import { caseInput } from './support/people.js';
import { type Figure, figure, log, round } from './support/report.js';
import type { BenchServices } from './support/services.js';
import { cpuSnapshot, cpuSpent, describeCpu } from './support/cpu.js';
import type { Indexes } from './support/indexes.js';

export async function benchRegistration(
  s: BenchServices,
  scale: number,
  ids: Indexes,
): Promise<{ figures: Figure[]; notes: string[] }> {
  const figures: Figure[] = [];
  const seconds = Math.max(2, Math.round(4 * scale));
  // Starts answer in milliseconds but each leaves a case to run its first steps: a few hundred
  // measure the rate, more would only leave a backlog to drain before the next measurement.
  const rawCap = Math.max(50, Math.round(200 * scale));
  const temporal = { client: s.client, taskQueue: s.taskQueue };
  const inst = institution();

  const cpuNotes: string[] = [];
  for (const c of [1, 16, 64]) {
    // At 64 clients one request takes seconds: twice the time, so that it sees more than one round.
    const runSeconds = c === 64 ? 2 * seconds : seconds;
    const cpuApi = await cpuSnapshot(s);
    const api = await httpLoad({
      engine: 'loop',
      url: `${s.baseUrl}/v1/cases`,
      method: 'POST',
      headers: { authorization: `Bearer ${s.token(inst)}` },
      connections: c,
      durationSeconds: runSeconds,
      maxRequests: 100_000,
      registration: { age: 'minor', startIndex: ids.take('minor', 0) },
    });
    ids.advanceTo('minor', api.nextIndex);
    const apiCpu = cpuSpent(cpuApi, await cpuSnapshot(s));
    if (api.non2xx || api.errors) log(`  POST /v1/cases c=${c}: ${api.non2xx} non-2xx, ${api.errors} errors`);
    log(
      `  POST /v1/cases            c=${String(c).padStart(2)}: ${api.perSecond.toFixed(1)}/s, p50 ${api.p50.toFixed(1)} ms, p99 ${api.p99.toFixed(1)} ms (${api.ok} in ${api.durationSeconds.toFixed(1)} s)`,
    );

    const started: string[] = [];
    const raw = await runLoop({
      concurrency: c,
      count: rawCap,
      maxMs: seconds * 1000,
      op: async () => {
        const caseId = `case-${randomUUID()}`;
        await startCaseWorkflow(temporal, caseInput(caseId, 'minor', ids.take('minor')));
        started.push(caseId);
      },
    });
    report('client.workflow.start', c, raw);
    // Let the started cases take their first steps before the next measurement, untimed.
    await forEachBounded(started, 64, (id) =>
      s.client.workflow.getHandle<typeof caseWorkflow>(id).executeUpdate(settledUpdate),
    );

    const cpuSettled = await cpuSnapshot(s);
    const settled = await runLoop({
      concurrency: c,
      count: 100_000,
      maxMs: runSeconds * 1000,
      op: async () => {
        const caseId = `case-${randomUUID()}`;
        await startCaseWorkflow(temporal, caseInput(caseId, 'minor', ids.take('minor')));
        await s.client.workflow.getHandle<typeof caseWorkflow>(caseId).executeUpdate(settledUpdate);
      },
    });
    report('start + settled Update', c, settled);
    const settledCpu = cpuSpent(cpuSettled, await cpuSnapshot(s));
    cpuNotes.push(
      `c=${c}: POST /v1/cases ${describeCpu(apiCpu, api.ok, 'registration')}; start + settled ${describeCpu(settledCpu, settled.completed, 'case')}`,
    );
    log(`    ${cpuNotes.at(-1)}`);

    figures.push(
      figure({
        name: `registration c=${c}: throughput`,
        value: api.perSecond,
        unit: 'req/s',
        baseline: 'client.workflow.start',
        baselineValue: raw.perSecond,
        target: { op: '>=', value: 0.8 },
      }),
      figure({
        name: `registration c=${c}: throughput vs start+settled`,
        value: api.perSecond,
        unit: 'req/s',
        baseline: 'start + settled Update',
        baselineValue: settled.perSecond,
      }),
      figure({
        name: `registration c=${c}: p50 latency`,
        value: api.p50,
        unit: 'ms',
        baseline: 'client.workflow.start',
        baselineValue: round(raw.p50),
      }),
      figure({
        name: `registration c=${c}: p99 latency`,
        value: api.p99,
        unit: 'ms',
        baseline: 'client.workflow.start',
        baselineValue: round(raw.p99),
      }),
      figure({
        name: `registration c=${c}: p99 latency vs start+settled`,
        value: api.p99,
        unit: 'ms',
        baseline: 'start + settled Update',
        baselineValue: round(settled.p99),
      }),
    );
  }
  return {
    figures,
    notes: [
      `Registration CPU (the load generator runs in a child process and is not counted): ${cpuNotes.join('; ')}.`,
    ],
  };
}

function report(what: string, c: number, r: LoopResult): void {
  const errors = r.errors ? ` — ${r.errors} errors, first: ${r.firstError}` : '';
  log(
    `  ${what.padEnd(24)} c=${String(c).padStart(2)}: ${r.perSecond.toFixed(1)}/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms (${r.completed} in ${(r.elapsedMs / 1000).toFixed(1)} s)${errors}`,
  );
}
