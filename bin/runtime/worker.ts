// Builds the case worker. Production runs a pre-built workflow bundle (npm run build);
// development and tests bundle the workflow sources on start.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import type { CaseActivities } from '../../activities/types.js';

const here = fileURLToPath(import.meta.url);
/** The workflow sources beside this file: .ts when run from source, .js when compiled. */
export const WORKFLOWS_ENTRY = fileURLToPath(
  new URL(`../../workflows/index${here.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
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
      : { workflowsPath: WORKFLOWS_ENTRY };
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace,
    taskQueue: o.taskQueue,
    activities: o.activities,
    ...bundle,
    ...(o.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: o.maxCachedWorkflows } : {}),
  });
}

export async function bundleCaseWorkflows(): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_ENTRY, logger: quietLogger });
  return code;
}

const noop = () => {};
const quietLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop };
