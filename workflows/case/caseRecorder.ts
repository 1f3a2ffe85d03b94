// Records every transition as an event: one audit event and one projection per event, strictly
// in order, and keeps the search attributes the Temporal Web UI filters on in step with the case.
import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { RecordCaseEvent } from '../../activities/types.js';
import type { Principal } from '../../domain/access.js';
import type { CaseEventType } from '../../domain/eventTypes.js';
import { records } from './activities.js';
import { CaseDivisionKey, CaseInstitutionKey, CasePathwayKey, CaseStageKey } from './definitions.js';
import type { CaseState, CaseTask } from './state.js';

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class CaseRecorder {
  /** Every write queued so far, in order: the next one waits for it. */
  private chain: Promise<void> = Promise.resolve();
  /** The search attribute values last upserted, to upsert only when one changes. */
  private indexed = '';
  /** The last case snapshot sent, to leave it out of events that change only tasks. */
  private lastSnapshot = '';

  constructor(private readonly state: CaseState) {}

  /**
   * Takes the snapshot now (so later changes cannot leak into this event) and queues the write
   * behind every earlier one, so the audit chain and the read model see events in order.
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
    const changed = snapshotJson !== this.lastSnapshot;
    this.lastSnapshot = snapshotJson;
    const info = workflowInfo();
    const request: RecordCaseEvent = {
      workflowId: info.workflowId,
      runId: info.runId,
      seq: this.state.eventSeq,
      caseId: this.state.caseId,
      division: this.state.division,
      event: { type, actor, at: new Date().toISOString(), data },
      ...(changed
        ? { snapshot: { ...(JSON.parse(snapshotJson) as typeof caseFields), eventSeq: this.state.eventSeq } }
        : {}),
      tasks: copy([...tasks]),
      ...(notification ? { notification } : {}),
    };
    this.indexSearchAttributes();
    // Which activity writes it is decided now, at the event's place in the history.
    const recorder = records();
    const write = this.chain.then(() => recorder.recordCaseEvent(request));
    this.chain = write.catch(() => undefined);
    return write;
  }

  /** Resolves once every queued record has been written. */
  flushed(): Promise<void> {
    return this.chain;
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
