// The webhook delivery activities: one signed POST per attempt (retried with backoff by the
// delivery workflow), and giving a delivery up (a subscription that fails `disableAfter`
// deliveries in a row is disabled and its division's administrators are told). Every attempt is
// logged with its outcome; a delivery already delivered is not sent again.
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Db } from '../../db/database.js';
import { insertNotificationOnce } from '../../db/repositories/notifications.js';
import { abandonDelivery, findDelivery, recordAttempt } from '../../db/repositories/webhooks.js';
import { type ActivityMetrics, NO_ACTIVITY_METRICS } from '../metrics.js';
import { type WebhookPayload, dingtalkSignedUrl, signatureHeaders, webhookBody } from './bodies.js';

export interface WebhookRetry {
  initialIntervalSeconds: number;
  maximumIntervalSeconds: number;
  /** Attempts of one delivery before it is given up. */
  maximumAttempts: number;
}

export interface WebhookConfig {
  /** How long one attempt waits for the receiver's answer. */
  timeoutMs: number;
  /** The console's address, for the link in each payload; no link when null. */
  consoleUrl: string | null;
  /** Deliveries given up in a row before a subscription is disabled. */
  disableAfter: number;
  retry: WebhookRetry;
}

export const DEFAULT_WEBHOOK_CONFIG: WebhookConfig = {
  timeoutMs: 10_000,
  consoleUrl: null,
  disableAfter: 5,
  retry: { initialIntervalSeconds: 5, maximumIntervalSeconds: 600, maximumAttempts: 10 },
};

export interface WebhookActivities {
  deliverWebhook(req: { deliveryId: string }): Promise<'delivered' | 'skipped'>;
  abandonWebhook(req: { deliveryId: string }): Promise<void>;
}

function payloadOf(
  d: NonNullable<Awaited<ReturnType<typeof findDelivery>>>,
  consoleUrl: string | null,
): WebhookPayload {
  const n = d.notification;
  const link =
    consoleUrl && n.case_id
      ? `${consoleUrl.replace(/\/$/, '')}/cases/${n.case_id}`
      : consoleUrl && n.standard_id
        ? `${consoleUrl.replace(/\/$/, '')}/subsidy-standards`
        : null;
  return {
    id: d.eventId,
    event: n.kind,
    caseId: n.case_id,
    taskId: n.task_id,
    standardId: n.standard_id,
    taskKind: n.details.taskKind ?? null,
    dueAt: n.details.dueAt ?? null,
    message: n.message,
    occurredAt: new Date(n.created_at).toISOString(),
    link,
  };
}

/** A robot's answer is 200 with `errcode` 0 on success; anything else is a failure to retry. */
function robotRefused(format: string, text: string): string | null {
  if (format === 'json') return null;
  try {
    const body = JSON.parse(text) as { errcode?: unknown; errmsg?: unknown };
    if (body.errcode !== undefined && body.errcode !== 0) return `robot errcode ${JSON.stringify(body.errcode)}`;
  } catch {
    // not JSON: the HTTP status decides
  }
  return null;
}

export function createWebhookActivities(
  db: Db,
  config: WebhookConfig = DEFAULT_WEBHOOK_CONFIG,
  metrics: ActivityMetrics = NO_ACTIVITY_METRICS,
): WebhookActivities {
  return {
    async deliverWebhook({ deliveryId }) {
      const d = await findDelivery(db, deliveryId);
      if (!d || d.status !== 'pending') return 'skipped';
      const sub = d.subscription;
      if (sub.status !== 'active') {
        // Deleted or disabled since: nothing more goes out, and it is no failure of the receiver.
        await db
          .updateTable('webhook_deliveries')
          .set({ status: 'abandoned', last_error: `subscription ${sub.status}`, updated_at: new Date() })
          .where('delivery_id', '=', deliveryId)
          .where('status', '=', 'pending')
          .execute();
        return 'skipped';
      }
      const body = webhookBody(sub.format, payloadOf(d, config.consoleUrl));
      const now = new Date();
      const url = sub.format === 'dingtalk' ? dingtalkSignedUrl(sub.url, sub.secret, now) : sub.url;
      const attempt = Context.current().info.attempt;
      const started = Date.now();
      let statusCode: number | null = null;
      let error: string | null;
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'orphan-resettlement-webhooks',
            'x-webhook-id': d.eventId,
            'x-webhook-event': d.notification.kind,
            ...signatureHeaders(sub.secret, body, now),
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(config.timeoutMs),
        });
        statusCode = res.status;
        const text = await res.text();
        if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
        else error = robotRefused(sub.format, text);
      } catch (err) {
        error = err instanceof Error ? (err.name === 'TimeoutError' ? 'timed out' : err.message) : 'failed';
      }
      const outcome = error === null ? 'delivered' : 'failed';
      await recordAttempt(
        db,
        { deliveryId, attempt, outcome, statusCode, error, durationMs: Date.now() - started },
        sub.subscription_id,
      );
      metrics.webhookDelivery(outcome);
      if (error !== null) throw ApplicationFailure.retryable(`webhook delivery failed: ${error}`, 'WebhookFailed');
      return 'delivered';
    },

    async abandonWebhook({ deliveryId }) {
      await db.transaction().execute(async (trx) => {
        const sub = await abandonDelivery(trx, deliveryId, config.disableAfter);
        if (!sub) return;
        const host = new URL(sub.url).host;
        await insertNotificationOnce(trx, {
          notificationId: `webhook:${sub.subscription_id}:disabled:${sub.consecutive_failures}`,
          kind: 'webhook_disabled',
          caseId: null,
          taskId: null,
          subscriptionId: sub.subscription_id,
          audience: { role: 'admin', org: null, division: sub.division_code },
          message: `Webhook subscription ${sub.subscription_id} to ${host} was disabled after ${sub.consecutive_failures} failed deliveries in a row`,
          details: {},
        });
      });
      metrics.webhookDelivery('abandoned');
    },
  };
}
