// Workflow bundles of other builds for the upgrade test: the current workflow sources with
// workflows/case/patches.ts swapped for another version of it (webpack's module replacement).
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';
import webpack from 'webpack';
import { WORKFLOWS_ENTRY, WORKFLOW_INTERCEPTORS } from '../../../bin/runtime/worker.js';

const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

export async function bundleWithPatches(
  which: 'patchesBefore' | 'patchesPerEvent' | 'patchesUnguarded',
): Promise<string> {
  const replacement = fileURLToPath(new URL(`./${which}.ts`, import.meta.url));
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_ENTRY,
    workflowInterceptorModules: [WORKFLOW_INTERCEPTORS],
    logger: quiet,
    webpackConfigHook: (config) => ({
      ...config,
      plugins: [
        ...(config.plugins ?? []),
        new webpack.NormalModuleReplacementPlugin(
          /^\.\/patches\.js$/,
          (resource: { context: string; request: string }) => {
            if (/[\\/]workflows[\\/]case$/.test(resource.context)) resource.request = replacement;
          },
        ),
      ],
    }),
  });
  if (!code.includes(which)) throw new Error(`the bundle does not use ${which}: the module replacement missed`);
  return code;
}
