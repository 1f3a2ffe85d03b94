// The Temporal Schedule of the daily e-mail digest, made to match the configuration at every
// worker start: created when missing, updated when the time changed, paused without SMTP_URL.
// Any number of workers may run this at once: the schedule's id makes it one per namespace.
import { type Client, ScheduleAlreadyRunning, ScheduleNotFoundError } from '@temporalio/client';
import type { emailDigestWorkflow } from '../../workflows/digest/digestWorkflow.js';

export const DIGEST_SCHEDULE_ID = 'email-digest';

export interface DigestScheduleOptions {
  /** Five-field cron, read in Asia/Shanghai. */
  cron: string;
  taskQueue: string;
  /** False (no SMTP_URL): the schedule, if any, is paused. */
  enabled: boolean;
  scheduleId?: string;
}

export async function ensureDigestSchedule(
  client: Client,
  o: DigestScheduleOptions,
): Promise<'created' | 'updated' | 'paused' | 'absent'> {
  const scheduleId = o.scheduleId ?? DIGEST_SCHEDULE_ID;
  const handle = client.schedule.getHandle(scheduleId);
  const spec = { cronExpressions: [o.cron], timezone: 'Asia/Shanghai' };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'emailDigestWorkflow',
    // The run's id is this plus the scheduled time: one run per day.
    workflowId: scheduleId,
    taskQueue: o.taskQueue,
    args: [{}] as Parameters<typeof emailDigestWorkflow>,
  };
  if (!o.enabled) {
    try {
      const described = await handle.describe();
      if (!described.state.paused) await handle.pause('SMTP_URL is not set on the worker');
      return 'paused';
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) return 'absent';
      throw err;
    }
  }
  try {
    await client.schedule.create({
      scheduleId,
      spec,
      action,
      // A run still going at the next day's time (a long SMTP outage) is left to finish; a missed
      // time (the server was down) is caught up within half a day.
      policies: { overlap: 'SKIP', catchupWindow: '12 hours' },
    });
    return 'created';
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  await handle.update((previous) => ({ ...previous, spec, action }));
  const described = await handle.describe();
  if (described.state.paused) await handle.unpause('SMTP_URL is set');
  return 'updated';
}
