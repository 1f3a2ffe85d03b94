// Traces with OpenTelemetry: an HTTP request, the Temporal start or Update it sends, the workflow
// task and the activities it schedules, and their SQL, as one trace. Started by bin/tracing.ts
// (preloaded with `node --import`) when OTEL_EXPORTER_OTLP_ENDPOINT is set, before pg and Fastify
// load, so that their instrumentation can wrap them; off otherwise.
//
// The OpenTelemetry JS SDK is the 1.x line (sdk-trace 1.30, instrumentation 0.57): the one
// @temporalio/interceptors-opentelemetry 1.24.0 is built on (it depends on sdk-trace-base ^1.25 and
// hands 1.x ReadableSpans to the span processor); the 2.x line changed those types.
//
// Everything is imported when tracing starts: a process without it does not load (0.3-0.5 s of) it.
import { register } from 'node:module';
import type { Resource } from '@opentelemetry/resources';
import type { Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { WorkflowClientInterceptor } from '@temporalio/client';

export interface Tracing {
  resource: Resource;
  /** Where finished spans go; the workflow spans, sent out of the sandbox by a sink, go here too. */
  spanProcessor: SpanProcessor;
  /** Temporal's interceptors and workflow span sink, for the client and the worker. */
  temporal: typeof import('@temporalio/interceptors-opentelemetry');
  shutdown(): Promise<void>;
}

let active: Tracing | null = null;

/** The tracing this process started, or null: the worker and the client add their interceptors then. */
export function activeTracing(): Tracing | null {
  return active;
}

/** Probes and scrapes would be most of the traces and say nothing. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** Attributes that carry a URL: its query string may hold what a trace must not (a code, a token). */
const URL_ATTRIBUTES = ['http.url', 'http.target', 'url.full', 'url.query'];

/**
 * Drops the query string of URL attributes as each span starts, before any exporter sees it. Path
 * segments are IDs that are not personal (the API puts no name or ID number in a URL).
 */
class QueryStringScrubber implements SpanProcessor {
  onStart(span: Span): void {
    for (const key of URL_ATTRIBUTES) {
      const value = span.attributes[key];
      if (typeof value === 'string' && value.includes('?')) span.setAttribute(key, value.split('?')[0]);
    }
  }
  onEnd(): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export interface TracingOptions {
  serviceName: string;
  /** Defaults to batches sent by OTLP over HTTP to OTEL_EXPORTER_OTLP_ENDPOINT; tests pass their own. */
  spanProcessor?: SpanProcessor;
}

export async function startTracing({ serviceName, spanProcessor }: TracingOptions): Promise<Tracing> {
  if (active) throw new Error('tracing is already started in this process');
  // pg and Fastify are CommonJS modules imported from ESM, which require-in-the-middle does not
  // see: import-in-the-middle's loader wraps them (and only them) as they are imported, by name or
  // by path (Vitest imports packages by path; experimentalPatchInternals lets those match too).
  register('import-in-the-middle/hook.mjs', import.meta.url, {
    data: {
      include: ['pg', 'pg-pool', 'fastify', /\/node_modules\/(?:pg|pg-pool|fastify)\//],
      experimentalPatchInternals: true,
    },
  });
  const [
    { OTLPTraceExporter },
    { registerInstrumentations },
    { FastifyInstrumentation },
    { HttpInstrumentation },
    { PgInstrumentation },
    { Resource, envDetectorSync },
    { BatchSpanProcessor },
    { NodeTracerProvider },
    temporal,
  ] = await Promise.all([
    import('@opentelemetry/exporter-trace-otlp-proto'),
    import('@opentelemetry/instrumentation'),
    import('@opentelemetry/instrumentation-fastify'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-pg'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/sdk-trace-node'),
    import('@temporalio/interceptors-opentelemetry'),
  ]);
  const resource = Resource.default()
    .merge(new Resource({ 'service.name': serviceName }))
    .merge(envDetectorSync.detect());
  const processor = spanProcessor ?? new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({ resource, spanProcessors: [new QueryStringScrubber(), processor] });
  provider.register();
  const unregister = registerInstrumentations({
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.has((req.url ?? '').split('?')[0] ?? ''),
      }),
      new FastifyInstrumentation(),
      // Statements only inside a trace (not the pool's housekeeping), and never their parameters:
      // db.statement is the parameterised text Kysely sends, which holds no value.
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    ],
  });
  let stopped: Promise<void> | null = null;
  active = {
    resource,
    spanProcessor: processor,
    temporal,
    shutdown: () => {
      stopped ??= (async () => {
        unregister();
        await provider.shutdown();
        active = null;
      })();
      return stopped;
    },
  };
  return active;
}

/** The client's interceptor, which carries the trace into the workflow through its headers. */
export function workflowClientInterceptors(): WorkflowClientInterceptor[] {
  return active ? [new active.temporal.OpenTelemetryWorkflowClientInterceptor()] : [];
}
