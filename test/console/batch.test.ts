// Finance's batch approval: one request per case with a key of its own, a 429 waited out as its
// Retry-After says (the same case tried again with the same key), another failure named per case.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../console/src/api/errors';
import { type BatchProgress, runBatch } from '../../console/src/features/finance/api/batch';

const failure = (status: number, code: 'RATE_LIMITED' | 'INVALID_STAGE', retryAfter?: number) =>
  new ApiError(status, code, code, undefined, 'req-1', retryAfter);

describe('runBatch', () => {
  it('waits as Retry-After says and retries the same case with the same key; names the case that fails', async () => {
    const sent: Array<[string, string]> = [];
    const waits: number[] = [];
    const progress: BatchProgress[] = [];
    let limited = false;
    const outcomes = await runBatch(['c-1', 'c-2', 'c-3'], {
      send: async (caseId, key) => {
        sent.push([caseId, key]);
        if (caseId === 'c-2' && !limited) {
          limited = true;
          throw failure(429, 'RATE_LIMITED', 7);
        }
        if (caseId === 'c-3') throw failure(409, 'INVALID_STAGE');
      },
      onProgress: (p) => progress.push(p),
      sleep: async (seconds) => {
        waits.push(seconds);
      },
    });

    expect(waits).toEqual([7]);
    expect(sent.map(([id]) => id)).toEqual(['c-1', 'c-2', 'c-2', 'c-3']);
    expect(sent[1]![1]).toBe(sent[2]![1]);
    expect(new Set(sent.map(([, key]) => key)).size).toBe(3);
    expect(outcomes.map((o) => [o.caseId, o.ok])).toEqual([
      ['c-1', true],
      ['c-2', true],
      ['c-3', false],
    ]);
    expect(progress.some((p) => p.waitingSeconds === 7 && p.done === 1)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ done: 3, total: 3, waitingSeconds: null });
  });
});
