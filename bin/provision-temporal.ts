// `npm run temporal:provision`: finds or builds the Temporal CLI (dev server) and says how.
import { provisionTemporalCli, temporalCliCacheDir } from '../tools/temporal/provision.js';

const started = Date.now();
const cli = provisionTemporalCli((line) => console.log(line));
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const how = {
  env: 'TEMPORAL_CLI_PATH',
  path: '`temporal` on PATH',
  cache: `the cached build in ${temporalCliCacheDir()}`,
  built: `a new build with Go, cached in ${temporalCliCacheDir()}`,
  download: '@temporalio/testing, which downloads the dev server on first use (needs internet)',
}[cli.how];
console.log(`Temporal CLI: ${cli.path ?? '(download on first use)'} from ${how} in ${seconds} s`);
