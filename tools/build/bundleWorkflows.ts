// Writes the pre-built workflow bundle the production worker runs (dist/workflow-bundle.js).
import { writeFileSync } from 'node:fs';
import { bundleCaseWorkflows } from '../../bin/runtime/worker.js';

const code = await bundleCaseWorkflows();
writeFileSync(new URL('../../dist/workflow-bundle.js', import.meta.url), code);
console.log(`dist/workflow-bundle.js written (${(code.length / 1024).toFixed(0)} KiB)`);
