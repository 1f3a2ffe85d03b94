// Whether a worker is taking the cases' work: the task queue has had a poller recently. Without
// one, the API would accept registrations and actions that then wait on an Update nobody runs.
import proto from '@temporalio/proto';
import type { TemporalDeps } from '../plugins/services.js';

export interface WorkerPollingOptions {
  /** A worker counts as present when it polled within this many seconds. */
  windowSeconds: number;
  /** Probes closer together than this share one answer (kubelets probe every few seconds). */
  cacheMs?: number;
}

export type PollingCheck = () => Promise<{ ok: boolean; error?: string }>;

const { TaskQueueKind, TaskQueueType } = proto.temporal.api.enums.v1;

/** One DescribeTaskQueue, at most every cacheMs: the answer of the last call until then. */
export function workerPollingCheck(temporal: TemporalDeps, options: WorkerPollingOptions): PollingCheck {
  const cacheMs = options.cacheMs ?? 5_000;
  let cached: { at: number; answer: ReturnType<PollingCheck> } | null = null;
  return () => {
    if (!cached || Date.now() - cached.at > cacheMs) {
      cached = { at: Date.now(), answer: lastPoll(temporal, options.windowSeconds) };
    }
    return cached.answer;
  };
}

async function lastPoll(temporal: TemporalDeps, windowSeconds: number): Promise<{ ok: boolean; error?: string }> {
  const { client, taskQueue } = temporal;
  const { pollers } = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    taskQueueType: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  // The server keeps a poller for minutes after its last poll, so the time is what counts.
  const latest = Math.max(
    0,
    ...pollers.map((p) => Number(p.lastAccessTime?.seconds ?? 0) * 1000 + (p.lastAccessTime?.nanos ?? 0) / 1e6),
  );
  const ageSeconds = (Date.now() - latest) / 1000;
  if (latest > 0 && ageSeconds <= windowSeconds) return { ok: true };
  return {
    ok: false,
    error:
      latest === 0
        ? `no worker polls task queue ${taskQueue}`
        : `no worker has polled task queue ${taskQueue} for ${Math.round(ageSeconds)} s (window ${windowSeconds} s)`,
  };
}
