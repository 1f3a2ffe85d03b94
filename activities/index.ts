// The worker's activities, built from their dependencies so tests can inject their own.
import type { Db } from '../db/database.js';
import { type AuditAnchorActivities, createAnchorActivities } from './auditAnchors.js';
import { createRecordActivities } from './caseRecords.js';
import { createDisbursementActivities } from './disbursement.js';
import {
  DEFAULT_DIGEST_CONFIG,
  type DigestActivities,
  type DigestConfig,
  createDigestActivities,
} from './digest/activities.js';
import { type ActivityMetrics, NO_ACTIVITY_METRICS } from './metrics.js';
import type { PaymentGateway } from './payments/gateway.js';
import { createPolicyActivities } from './policyActivities.js';
import type { CaseActivities } from './types.js';
import {
  DEFAULT_WEBHOOK_CONFIG,
  type WebhookActivities,
  type WebhookConfig,
  createWebhookActivities,
} from './webhooks/activities.js';

export interface ActivityDeps {
  db: Db;
  payments: PaymentGateway;
  /** The signed anchor file of the audit chains; without it the anchoring activity is not registered. */
  anchor?: { file: string; key: string };
  /** Counters and histograms of the process's Prometheus registry (activities/metrics.ts). */
  metrics?: ActivityMetrics;
  /** Webhook delivery: timeouts, retries, the console link, when to disable a failing subscription. */
  webhooks?: WebhookConfig;
  /** The daily e-mail digest: SMTP_URL, MAIL_FROM, the console link (none sent without SMTP_URL). */
  digest?: DigestConfig;
}

export function createActivities({
  db,
  payments,
  anchor,
  metrics = NO_ACTIVITY_METRICS,
  webhooks = DEFAULT_WEBHOOK_CONFIG,
  digest = DEFAULT_DIGEST_CONFIG,
}: ActivityDeps): CaseActivities & WebhookActivities & DigestActivities & Partial<AuditAnchorActivities> {
  return {
    ...createPolicyActivities(db),
    ...createRecordActivities(db, metrics, webhooks),
    ...createWebhookActivities(db, webhooks, metrics),
    ...createDisbursementActivities(db, payments, metrics),
    ...createDigestActivities(db, digest),
    ...(anchor ? createAnchorActivities({ db, anchorFile: anchor.file, anchorKey: anchor.key }) : {}),
  };
}
