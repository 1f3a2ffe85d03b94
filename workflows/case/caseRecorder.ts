// Records every transition as an event: one audit event and one projection per event, strictly
// in order, and keeps the search attributes the Temporal Web UI filters on in step with the case.
import { condition, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { RecordCaseEvent } from '../../activities/types.js';
import type { Principal } from '../../domain/access.js';
import type { CaseEventType } from '../../domain/eventTypes.js';
import { batchedRecords, records } from './activities.js';
import { CaseDivisionKey, CaseInstitutionKey, CasePathwayKey, CaseStageKey } from './definitions.js';
import { PATCHES, changed } from './patches.js';
import type { CaseState, CaseTask } from './state.js';

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * How events reach the database depends on the build that wrote the case's history (patches.ts):
 * - since `records-batched-per-action`, events are queued and the queue is written in order, by
 *   one `recordCaseEvents` activity per batch: everything an action records is one batch, written
 *   once its handler has finished (`during`), and the action answers once it is written; the stage
 *   loop's `record()` resolves once its event is written; what is recorded while a batch is being
 *   written joins the next one;
 * - before it, each event was its own activity (`recordCaseEvent`, ordinary or local), and
 *   `record()` returned once it was written: those histories replay exactly that way.
 */
export class CaseRecorder {
  /** Every per-event write so far, in order: the next one waits for it. */
  private chain: Promise<void> = Promise.resolve();
  /** Events queued for the next batch. */
  private queue: RecordCaseEvent[] = [];
  /** The batch writer, while it runs; it stops when the queue is empty. */
  private writer: Promise<void> | null = null;
  /** Actions whose events are being gathered into one batch: the writer waits for them. */
  private holds = 0;
  /** The search attribute values last upserted, to upsert only when one changes. */
  private indexed = '';
  /** The last case snapshot sent, to leave it out of events that change only tasks. */
  private lastSnapshot = '';

  constructor(private readonly state: CaseState) {}

  /**
   * Takes the snapshot now (so later changes cannot leak into this event) and queues the write
   * behind every earlier one, so the audit chain and the read model see events in order. Resolves
   * once written, except within an action since batching, where it resolves at once (see above).
   */
  record(
    type: CaseEventType,
    actor: Principal,
    data: Record<string, unknown>,
    tasks: readonly CaseTask[] = [],
    notification?: RecordCaseEvent['notification'],
  ): Promise<void> {
    this.state.eventSeq += 1;
    const { tasks: _all, eventSeq: _seq, ...caseFields } = this.state;
    // Most events change only tasks: sending the case again would only grow the history.
    const snapshotJson = JSON.stringify(caseFields);
    const snapshotChanged = snapshotJson !== this.lastSnapshot;
    this.lastSnapshot = snapshotJson;
    const info = workflowInfo();
    const request: RecordCaseEvent = {
      workflowId: info.workflowId,
      runId: info.runId,
      seq: this.state.eventSeq,
      caseId: this.state.caseId,
      division: this.state.division,
      event: { type, actor, at: new Date().toISOString(), data },
      ...(snapshotChanged
        ? { snapshot: { ...(JSON.parse(snapshotJson) as typeof caseFields), eventSeq: this.state.eventSeq } }
        : {}),
      tasks: copy([...tasks]),
      ...(notification ? { notification } : {}),
    };
    this.indexSearchAttributes();
    // How it is written is decided now, at the event's place in the history.
    if (this.batches()) {
      this.queue.push(request);
      this.startWriter();
      // An action's events are written once it has finished (during); the stage loop waits for its own.
      return this.holds > 0 ? Promise.resolve() : this.flushed();
    }
    const recorder = records();
    const write = this.chain.then(() => recorder.recordCaseEvent(request));
    this.chain = write.catch(() => undefined);
    return write;
  }

  /**
   * True where this case's events go out in batches (patch `records-batched-per-action`). Asked
   * before an action's handler runs, so that histories from before keep their exact path.
   */
  batches(): boolean {
    return changed(PATCHES.batchedRecords);
  }

  /**
   * Runs an action's handler with its events gathered into one batch (nothing of it is written
   * before the handler has finished), and resolves once they are written: one activity per
   * action, however many events it records.
   */
  async during<T>(handler: () => Promise<T>): Promise<T> {
    this.holds += 1;
    try {
      return await handler();
    } finally {
      this.holds -= 1;
      this.startWriter();
      await this.flushed();
    }
  }

  /** Resolves once every event recorded so far has been written. */
  flushed(): Promise<void> {
    // Histories from before batching waited on the chain alone: they still do, to the microtask.
    if (this.queue.length === 0 && this.writer === null) return this.chain;
    return this.chain.then(() => condition(() => this.queue.length === 0 && this.writer === null));
  }

  private startWriter(): void {
    if (this.writer || this.holds > 0 || this.queue.length === 0) return;
    this.writer = this.writeQueue().finally(() => {
      this.writer = null;
      this.startWriter();
    });
  }

  private async writeQueue(): Promise<void> {
    await this.chain;
    while (this.queue.length > 0 && this.holds === 0) {
      const events = this.queue.splice(0);
      await batchedRecords.recordCaseEvents({ events });
    }
  }

  private indexSearchAttributes(): void {
    const { stage, pathway, division, institutionId } = this.state;
    const key = [stage, pathway ?? '', division, institutionId].join('|');
    if (key === this.indexed) return;
    this.indexed = key;
    upsertSearchAttributes([
      { key: CaseStageKey, value: stage },
      { key: CasePathwayKey, value: pathway ?? 'none' },
      { key: CaseDivisionKey, value: division },
      { key: CaseInstitutionKey, value: institutionId },
    ]);
  }
}
