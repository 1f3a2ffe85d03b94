// Sends one human action to a case's workflow. The Update's ID comes from the caller's
// Idempotency-Key, so a retry after a lost answer joins the same Update instead of acting twice;
// and the wait is bounded, so an absent worker yields an answer rather than a hung request.
import { createHash, randomUUID } from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import type { Principal } from '../../domain/access.js';
import type { CaseState } from '../../workflows/case/state.js';
import type { caseWorkflow } from '../../workflows/case/workflow.js';
import { DomainError } from '../errors.js';
import type { TemporalDeps } from '../plugins/services.js';

/** Long enough for any action, including approval with its policy reads and task planning. */
const UPDATE_WAIT_MS = 30_000;

/** The caller's Idempotency-Key header, if any (the idempotency plugin has checked its form). */
export function idempotencyKey(request: {
  headers: Record<string, string | string[] | undefined>;
}): string | undefined {
  const key = request.headers['idempotency-key'];
  return typeof key === 'string' ? key : undefined;
}

export function updateIdFor(
  principal: Principal,
  idempotencyKey: string | undefined,
  action: string,
): string | undefined {
  if (!idempotencyKey) return undefined;
  return createHash('sha256').update(`${principal.sub}\n${action}\n${idempotencyKey}`).digest('hex');
}

export async function sendCaseUpdate<A>(
  temporal: TemporalDeps,
  caseId: string,
  update: UpdateDefinition<CaseState, [A]>,
  arg: A,
  updateId?: string,
): Promise<CaseState> {
  return withinTime(
    temporal,
    UPDATE_WAIT_MS,
    () => executeWithRetry(temporal, caseId, update, arg, updateId ?? randomUUID()),
    () => {
      throw new DomainError(
        'INTERNAL',
        'the case engine did not answer in time; the action may still be applied: retry with the same Idempotency-Key',
      );
    },
  );
}

/**
 * A call to Temporal given at most `ms`: past that it is cancelled, not left running (a long poll
 * left behind holds the connection open, and with it a stopping API process), and `late` answers.
 */
export async function withinTime<T, L>(
  temporal: TemporalDeps,
  ms: number,
  call: () => Promise<T>,
  late: () => L,
): Promise<T | L> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ms);
  try {
    return await temporal.client.withAbortSignal(abort.signal, call);
  } catch (err) {
    if (abort.signal.aborted) return late();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The case's state as the Update with this ID left it, if that Update was applied. A retry whose
 * first attempt was applied but not answered (its API instance died) finds the read model already
 * past the action (the task done, the case closed): it is answered as the first attempt would
 * have been, not refused. Waits for an Update still running; null for one never applied (or
 * refused, or none asked for).
 */
export async function appliedUpdate(
  temporal: TemporalDeps,
  caseId: string,
  updateId: string | undefined,
): Promise<CaseState | null> {
  if (!updateId) return null;
  return withinTime(
    temporal,
    UPDATE_WAIT_MS,
    () => temporal.client.workflow.getHandle(caseId).getUpdateHandle<CaseState>(updateId).result(),
    () => null,
  ).catch(() => null);
}

/**
 * The server answers "wasn't processed by worker" when the workflow task that carried the Update
 * ended without taking it up (it raced with another task of the same case). Nothing was applied:
 * send it again under the same Update ID, which also makes a late first delivery harmless.
 */
async function executeWithRetry<A>(
  temporal: TemporalDeps,
  caseId: string,
  update: UpdateDefinition<CaseState, [A]>,
  arg: A,
  updateId: string,
): Promise<CaseState> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await temporal.client.workflow
        .getHandle<typeof caseWorkflow>(caseId)
        .executeUpdate(update, { args: [arg], updateId });
    } catch (err) {
      const cause = (err as { cause?: unknown }).cause;
      const text = `${err instanceof Error ? err.message : ''} ${cause instanceof Error ? cause.message : ''}`;
      const notTakenUp = /wasn't processed by worker/i.test(text);
      if (!notTakenUp || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}
