// Approving many cases at once: one request per case, one after the other, each with its own
// Idempotency-Key made when the batch starts (kept for every try, so a retried or doubled request
// acts once). A 429 waits as its Retry-After says and tries the same case again, so a batch larger
// than the per-minute limit takes longer instead of failing; any other failure is kept for that
// case and the batch goes on.
import { ApiError } from '../../../api/errors';
import { newIdempotencyKey } from '../../../shared/idempotency';

export type BatchOutcome = { caseId: string; ok: true } | { caseId: string; ok: false; error: unknown };

export interface BatchProgress {
  done: number;
  total: number;
  /** Seconds the batch waits before trying again (after a 429), else null. */
  waitingSeconds: number | null;
  outcomes: BatchOutcome[];
}

export interface BatchOptions {
  send: (caseId: string, idempotencyKey: string) => Promise<unknown>;
  onProgress: (progress: BatchProgress) => void;
  /** Waits this many seconds (a test passes its own clock). */
  sleep?: (seconds: number) => Promise<void>;
  /** Without Retry-After, a 429 waits this long. */
  defaultWaitSeconds?: number;
}

const realSleep = (seconds: number) => new Promise<void>((resolve) => setTimeout(resolve, seconds * 1000));

export async function runBatch(caseIds: string[], options: BatchOptions): Promise<BatchOutcome[]> {
  const { send, onProgress, sleep = realSleep, defaultWaitSeconds = 60 } = options;
  const outcomes: BatchOutcome[] = [];
  const keys = new Map(caseIds.map((id) => [id, newIdempotencyKey()]));
  const report = (waitingSeconds: number | null) =>
    onProgress({ done: outcomes.length, total: caseIds.length, waitingSeconds, outcomes: [...outcomes] });
  report(null);
  for (const caseId of caseIds) {
    for (;;) {
      try {
        await send(caseId, keys.get(caseId)!);
        outcomes.push({ caseId, ok: true });
        break;
      } catch (error) {
        if (error instanceof ApiError && error.status === 429) {
          const seconds = error.retryAfter ?? defaultWaitSeconds;
          report(seconds);
          await sleep(seconds);
          continue;
        }
        outcomes.push({ caseId, ok: false, error });
        break;
      }
    }
    report(null);
  }
  return outcomes;
}
