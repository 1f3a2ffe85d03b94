// What the worker's activities count for operators: payments, task completions, review decisions,
// and (for the notification and webhook activities) deliveries. The process that runs the
// activities exposes them (bin/runtime/telemetry.ts). Labels are bounded sets only: never a case,
// task, person or user, so that a series cannot single anyone out and their number stays small.
import { Counter, Histogram, type Registry } from 'prom-client';
import type { CaseTask } from '../workflows/case/state.js';

/**
 * Where a payment attempt ended as the disbursement activity learned it: `paid` (by the bank, or
 * confirmed by finance with a voucher for a manual payment), `rejected` by the bank (a definitive
 * no, e.g. the account does not exist), `awaiting_confirmation` (manual gateway), `unavailable`
 * (timeout, 5xx: retried with the same key), `refused` (the bank refused the request itself).
 */
export type PaymentOutcome = 'paid' | 'rejected' | 'awaiting_confirmation' | 'unavailable' | 'refused';

/**
 * A notification or webhook delivery: `delivered`, `failed` (this attempt failed and will be
 * retried), `abandoned` (no more attempts).
 */
export type DeliveryOutcome = 'delivered' | 'failed' | 'abandoned';

export interface ActivityMetrics {
  payment(outcome: PaymentOutcome, gateway: 'manual' | 'http'): void;
  /** Tasks whose read model just turned `done` (not again on a retry), with their recorded times. */
  tasksCompleted(tasks: readonly CaseTask[]): void;
  /** For the notification activities (not yet built): count each delivery attempt here. */
  notificationDelivery(outcome: DeliveryOutcome): void;
  /** For the webhook activities (not yet built): count each delivery attempt here. */
  webhookDelivery(outcome: DeliveryOutcome): void;
}

/** Counts nothing: for tests and tools that build activities without a registry. */
export const NO_ACTIVITY_METRICS: ActivityMetrics = {
  payment: () => {},
  tasksCompleted: () => {},
  notificationDelivery: () => {},
  webhookDelivery: () => {},
};

/** Seconds from 10 s to 90 days: tasks and reviews take days, the scaled-down tests take seconds. */
const DURATION_BUCKETS = [10, 60, 600, 3600, 14_400, 86_400, 259_200, 604_800, 1_209_600, 2_592_000, 7_776_000];

export function createActivityMetrics(registry: Registry): ActivityMetrics {
  const registers = [registry];
  const payments = new Counter({
    name: 'resettlement_payments_total',
    help: 'Subsidy payment attempts by outcome as the disbursement activity learned it (paid, rejected, awaiting_confirmation, unavailable, refused) and gateway',
    labelNames: ['outcome', 'gateway'],
    registers,
  });
  const taskCompletion = new Histogram({
    name: 'resettlement_task_completion_seconds',
    help: 'Time from a task being opened to being done, by department (institution tasks: "institution")',
    labelNames: ['department'],
    buckets: DURATION_BUCKETS,
    registers,
  });
  const reviewDecision = new Histogram({
    name: 'resettlement_review_decision_seconds',
    help: "Time from an institution's proposal to civil affairs' decision, by decision (approve, reject, return) and proposed pathway",
    labelNames: ['decision', 'pathway'],
    buckets: DURATION_BUCKETS,
    registers,
  });
  const notifications = new Counter({
    name: 'resettlement_notification_deliveries_total',
    help: 'Notification delivery attempts by outcome (delivered, failed, abandoned)',
    labelNames: ['outcome'],
    registers,
  });
  const webhooks = new Counter({
    name: 'resettlement_webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome (delivered, failed, abandoned)',
    labelNames: ['outcome'],
    registers,
  });

  return {
    payment: (outcome, gateway) => payments.inc({ outcome, gateway }),
    tasksCompleted(tasks) {
      for (const t of tasks) {
        if (!t.completedAt) continue;
        const seconds = (Date.parse(t.completedAt) - Date.parse(t.createdAt)) / 1000;
        if (!(seconds >= 0)) continue;
        taskCompletion.observe({ department: t.department ?? t.assigneeRole }, seconds);
        // The review task opens with the proposal and closes with the decision (its outcome).
        if (t.kind === 'review') {
          const pathway = typeof t.details.pathway === 'string' ? t.details.pathway : 'unknown';
          reviewDecision.observe({ decision: t.outcome ?? 'unknown', pathway }, seconds);
        }
      }
    },
    notificationDelivery: (outcome) => notifications.inc({ outcome }),
    webhookDelivery: (outcome) => webhooks.inc({ outcome }),
  };
}
