// Saves a case's workflow history as a replay fixture under test/histories/, but only when
// RECORD_HISTORIES=1: `RECORD_HISTORIES=1 npx vitest run test/workflows` refreshes them after a
// deliberate change to the workflow (with patched() for cases already running in production).
import { writeFileSync } from 'node:fs';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import type { TestEnv } from './testEnv.js';

export async function recordHistory(env: TestEnv, caseId: string, name: string, runId?: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await env.client.workflow.getHandle(caseId, runId).fetchHistory();
  writeFileSync(new URL(`../histories/${name}.json`, import.meta.url), historyToJSON(history));
}
