// The daily e-mail digest: started by the Temporal Schedule `email-digest` (bin/runtime/
// digestSchedule.ts, daily at DIGEST_CRON in Asia/Shanghai), or by hand with an `asOf`. It lists
// who gets a digest and sends each user's as its own activity, a few at a time; each send is
// retried with backoff and is idempotent per user and day (activities/digest/activities.ts), so
// running the workflow twice on one day sends nothing twice.
import { ActivityFailure, log, proxyActivities } from '@temporalio/workflow';
import type { DigestActivities, DigestOutcome } from '../../activities/digest/activities.js';
import { shanghaiDateOf } from '../../domain/shanghaiDates.js';

export interface DigestWorkflowInput {
  /** The digest's instant (ISO); the workflow's start time when absent (the Schedule's case). */
  asOf?: string;
  /** One send's limit before Temporal retries it (default 120 s). */
  sendTimeoutSeconds?: number;
  /** The first retry's wait (default 30 s), doubling up to 10 minutes. */
  retryInitialSeconds?: number;
  /** Sends at once (default 4). */
  concurrency?: number;
}

export type DigestSummary = Record<DigestOutcome | 'failed', number> & { day: string };

export async function emailDigestWorkflow(input: DigestWorkflowInput = {}): Promise<DigestSummary> {
  // Date in a workflow is the workflow task's time: deterministic on replay.
  const asOf = input.asOf ?? new Date().toISOString();
  const day = shanghaiDateOf(new Date(asOf));
  const listing = proxyActivities<DigestActivities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', maximumAttempts: 10 },
  });
  const sending = proxyActivities<DigestActivities>({
    startToCloseTimeout: (input.sendTimeoutSeconds ?? 120) * 1000,
    retry: {
      initialInterval: (input.retryInitialSeconds ?? 30) * 1000,
      backoffCoefficient: 2,
      maximumInterval: '10 minutes',
      maximumAttempts: 12,
    },
  });
  const users = await listing.listDigestRecipients();
  const summary: DigestSummary = { day, sent: 0, already_sent: 0, nothing_to_report: 0, not_wanted: 0, failed: 0 };
  const width = Math.max(1, input.concurrency ?? 4);
  for (let i = 0; i < users.length; i += width) {
    await Promise.all(
      users.slice(i, i + width).map(async (userId) => {
        try {
          summary[await sending.sendDigest({ userId, day, asOf })]++;
        } catch (err) {
          // One user's undeliverable digest does not hold up the others'.
          if (!(err instanceof ActivityFailure)) throw err;
          summary.failed++;
          log.warn('e-mail digest not sent', { userId, day, error: err.cause?.message ?? err.message });
        }
      }),
    );
  }
  log.info('e-mail digest done', { ...summary });
  return summary;
}
