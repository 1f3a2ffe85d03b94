// One webhook delivery: an event to one subscription (workflow ID `webhook:<deliveryId>`, started
// once per delivery by whoever wrote the event). The delivery activity is retried with exponential
// backoff; when its attempts are spent the delivery is given up, which counts toward disabling a
// subscription that keeps failing. Each attempt is idempotent on the delivery's row.
import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { WebhookActivities, WebhookRetry } from '../../activities/webhooks/activities.js';

export interface WebhookDeliveryInput {
  deliveryId: string;
  retry: WebhookRetry;
}

export async function webhookDeliveryWorkflow(input: WebhookDeliveryInput): Promise<'delivered' | 'abandoned'> {
  const { initialIntervalSeconds, maximumIntervalSeconds, maximumAttempts } = input.retry;
  const delivery = proxyActivities<WebhookActivities>({
    startToCloseTimeout: '2 minutes',
    retry: {
      initialInterval: initialIntervalSeconds * 1000,
      backoffCoefficient: 2,
      maximumInterval: maximumIntervalSeconds * 1000,
      maximumAttempts,
    },
  });
  // Bookkeeping in our own database: retried until it succeeds.
  const bookkeeping = proxyActivities<WebhookActivities>({
    startToCloseTimeout: '1 minute',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });
  try {
    await delivery.deliverWebhook({ deliveryId: input.deliveryId });
    return 'delivered';
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    await bookkeeping.abandonWebhook({ deliveryId: input.deliveryId });
    return 'abandoned';
  }
}
