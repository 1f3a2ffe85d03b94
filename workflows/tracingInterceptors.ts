// OpenTelemetry's workflow interceptors (@temporalio/interceptors-opentelemetry 1.x), minus the
// two that make replays diverge. Update validators and queries run only live, never on replay; a
// span there draws its ID from the workflow's seeded random generator, so after one validated
// Update the live run and its replay draw different task IDs (sdk-typescript issue #2023) and an
// evicted case fails to replay. Every other span is made on replay too, so the draws stay in step.
// The worker bundles this module with every workflow, tracing on or off: it shapes the histories.
import {
  OpenTelemetryInboundInterceptor,
  OpenTelemetryInternalsInterceptor,
  OpenTelemetryOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/workflow/index.js';
import type {
  Next,
  QueryInput,
  UpdateInput,
  WorkflowInboundCallsInterceptor,
  WorkflowInterceptors,
} from '@temporalio/workflow';

class ReplaySafeInboundInterceptor extends OpenTelemetryInboundInterceptor {
  override validateUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'validateUpdate'>): void {
    next(input);
  }

  override handleQuery(
    input: QueryInput,
    next: Next<WorkflowInboundCallsInterceptor, 'handleQuery'>,
  ): Promise<unknown> {
    return next(input);
  }
}

export const interceptors = (): WorkflowInterceptors => ({
  inbound: [new ReplaySafeInboundInterceptor()],
  outbound: [new OpenTelemetryOutboundInterceptor()],
  internals: [new OpenTelemetryInternalsInterceptor()],
});
