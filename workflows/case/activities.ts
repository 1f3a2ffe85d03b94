// Activity groups of the case workflow, each with the timeout and retry policy its work needs.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../../activities/types.js';
import { PATCHES, changed } from './patches.js';

type RecordActivities = Pick<CaseActivities, 'recordCaseEvent' | 'applyCorrection'>;

/**
 * Database work: the audit append and the read-model projection. Idempotent on the case's event
 * sequence, so it retries without limit: a case must never move on while its record is missing.
 * Ordinary activities: Temporal schedules them only once the workflow task that asked for them
 * has completed, in the same write as the Update that task accepted. A task that is lost (it
 * timed out under load, its worker died) therefore writes nothing, where a local activity would
 * already have committed the audit event and the read model of a change the workflow never made.
 * Each write costs a round trip through the server (a workflow task and an activity task more per
 * event): on the shared machine at load 30 an adult's registration needed over 5 s to settle.
 * Ten seconds per attempt: a write takes milliseconds, and an attempt lost with a killed worker
 * is retried that soon.
 */
const durableRecords = proxyActivities<RecordActivities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * The events of one action (or of one step of the stage loop) in one activity, in order: patch
 * `records-batched-per-action` (caseRecorder.ts). The same write, idempotent per event.
 */
export const batchedRecords = proxyActivities<Pick<CaseActivities, 'recordCaseEvents'>>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '500 ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * The same work as local activities, as cases recorded before patch `records-after-task-completion`
 * (patches.ts): their histories replay on this path. They run in the worker during the workflow
 * task (past the local retry threshold a failing write waits on a durable timer).
 */
const localRecords = proxyLocalActivities<RecordActivities>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '500 ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

/**
 * The record activities for a write asked for now: ordinary ones where the case takes patch
 * `records-after-task-completion` (every case from its first write on this build), local ones
 * where its history was written before it.
 */
export function records(): RecordActivities {
  return changed(PATCHES.durableRecords) ? durableRecords : localRecords;
}

/** Reading policy and the calendar: quick reads, and a missing policy is a configuration error. */
export const policy = proxyLocalActivities<Pick<CaseActivities, 'loadPolicy' | 'computeDeadlines' | 'quoteSubsidy'>>({
  startToCloseTimeout: '15 seconds',
  localRetryThreshold: '10 seconds',
  retry: {
    initialInterval: '1 second',
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: ['PolicyMissingError'],
  },
});

/**
 * Payment attempts and their confirmation: the bank deduplicates on the attempt's idempotency key
 * (case + attempt), so a retry after a timeout, a crash or a lost answer can never pay twice;
 * retry patiently without limit. A rejection by the bank is an answer, not an error, and comes
 * back as an outcome.
 */
export const payments = proxyActivities<Pick<CaseActivities, 'disburseSubsidy' | 'confirmManualPayment'>>({
  // The bank call itself times out after 5 s; a worker that died mid-payment is noticed this soon.
  startToCloseTimeout: '15 seconds',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    // The bank refused the request itself (a reused key, a malformed order): a bug, not weather.
    nonRetryableErrorTypes: ['PaymentRequestError', 'AlreadyPaidError', 'PaymentNotAwaitingConfirmation'],
  },
});
