// Activity groups of the case workflow, each with the timeout and retry policy its work needs.
import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../../activities/types.js';

/**
 * Database work: the audit append and the read-model projection. Idempotent on the case's event
 * sequence, so it retries without limit: a case must never move on while its record is missing.
 * Local activities: they run in the worker that runs the case, a few milliseconds each, instead
 * of a round trip through the Temporal server per step (the difference between a registration
 * answering in about a tenth of a second and in half a second). Past the local retry threshold a
 * failing write waits on a durable timer, so a database outage costs no busy loop.
 */
export const records = proxyLocalActivities<Pick<CaseActivities, 'recordCaseEvent' | 'applyCorrection'>>({
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '10 seconds',
  retry: { initialInterval: '500 ms', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

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
