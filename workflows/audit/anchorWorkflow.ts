// Anchors the audit chains on a schedule, for as long as the system runs: one long-lived
// workflow (ID `audit-anchor`) that calls the anchoring activity, sleeps, and starts a fresh
// history every so often so its event history stays small.
import { ActivityFailure, continueAsNew, log, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { AuditAnchorActivities } from '../../activities/auditAnchors.js';

export interface AuditAnchorInput {
  intervalSeconds: number;
  /** Rounds per run before continuing as new (default 100). */
  roundsPerRun?: number;
}

/**
 * Anchoring is idempotent (it re-reads the anchor file), so retrying is safe; the retries are
 * bounded so that a long outage skips to the next round instead of piling up attempts.
 */
const anchors = proxyActivities<AuditAnchorActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 5 },
});

export async function auditAnchorWorkflow(input: AuditAnchorInput): Promise<void> {
  const rounds = input.roundsPerRun ?? 100;
  for (let round = 0; round < rounds && !workflowInfo().continueAsNewSuggested; round++) {
    try {
      const anchored = await anchors.anchorChainHeads();
      log.info('audit chain heads anchored', { anchored });
    } catch (err) {
      // The next round anchors whatever this one missed.
      if (!(err instanceof ActivityFailure)) throw err;
      log.warn('audit anchoring failed; trying again next round', { error: err.cause?.message ?? err.message });
    }
    await sleep(input.intervalSeconds * 1000);
  }
  await continueAsNew<typeof auditAnchorWorkflow>(input);
}
