// Builds the case worker. Production runs a pre-built workflow bundle (npm run build);
// development and tests bundle the workflow sources on start.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OpenTelemetrySinks } from '@temporalio/interceptors-opentelemetry';
import { type InjectedSinks, type NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import type { CaseActivities } from '../../activities/types.js';
import { activeTracing } from './tracing.js';

const here = fileURLToPath(import.meta.url);
/** The workflow sources beside this file: .ts when run from source, .js when compiled. */
export const WORKFLOWS_ENTRY = fileURLToPath(
  new URL(`../../workflows/index${here.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
);

/**
 * OpenTelemetry's workflow interceptors, in every bundle, tracing on or off: they shape the
 * histories (see workflows/tracingInterceptors.ts).
 */
export const WORKFLOW_INTERCEPTORS = fileURLToPath(
  new URL(`../../workflows/tracingInterceptors${here.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
);

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: CaseActivities;
  /** A bundle written by `npm run build` or by bundleCaseWorkflows(). */
  workflowBundlePath?: string;
  /** Bounds memory: cases beyond this many are evicted and replayed when they next wake. */
  maxCachedWorkflows?: number;
}

export async function createCaseWorker(o: CaseWorkerOptions): Promise<Worker> {
  const bundle =
    o.workflowBundlePath && existsSync(o.workflowBundlePath)
      ? { workflowBundle: { codePath: o.workflowBundlePath } }
      : { workflowsPath: WORKFLOWS_ENTRY, interceptors: { workflowModules: [WORKFLOW_INTERCEPTORS] } };
  const tracing = activeTracing();
  // The workflow interceptors always send their spans to this sink; it drops them unless tracing is on.
  const sinks: InjectedSinks<OpenTelemetrySinks> = {
    exporter: tracing
      ? tracing.temporal.makeWorkflowExporter(tracing.spanProcessor, tracing.resource)
      : { export: { fn: () => {} } },
  };
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    activities: o.activities,
    ...bundle,
    sinks,
    ...(tracing
      ? {
          interceptors: {
            ...bundle.interceptors,
            activity: [
              (ctx) => ({
                inbound: new tracing.temporal.OpenTelemetryActivityInboundInterceptor(ctx),
                outbound: new tracing.temporal.OpenTelemetryActivityOutboundInterceptor(ctx),
              }),
            ],
          },
        }
      : {}),
    ...(o.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: o.maxCachedWorkflows } : {}),
  });
}

export async function bundleCaseWorkflows(): Promise<string> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_ENTRY,
    workflowInterceptorModules: [WORKFLOW_INTERCEPTORS],
    logger: quietLogger,
  });
  return code;
}

const noop = () => {};
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };
