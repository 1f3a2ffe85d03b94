// Starts the delivery workflow of each pending delivery, once: its workflow ID is the delivery's,
// and a delivery that was ever started is never started again (REJECT_DUPLICATE), so whoever wrote
// the event (the case event activity, the API) may call this again after a crash.
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { webhookDeliveryWorkflow } from '../../workflows/webhooks/deliveryWorkflow.js';
import type { WebhookRetry } from './activities.js';

export async function startWebhookDeliveries(
  client: Client,
  taskQueue: string,
  deliveryIds: readonly string[],
  retry: WebhookRetry,
): Promise<void> {
  for (const deliveryId of deliveryIds) {
    try {
      await client.workflow.start<typeof webhookDeliveryWorkflow>('webhookDeliveryWorkflow', {
        workflowId: `webhook:${deliveryId}`,
        taskQueue,
        args: [{ deliveryId, retry }],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
}
