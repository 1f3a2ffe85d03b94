// `npm run helm:provision`: finds or builds Helm, which the chart's tests run (CI does this first).
import { helmCacheDir, provisionHelm } from '../tools/deploy/helm.js';

const started = Date.now();
const helm = provisionHelm((line) => console.log(line));
const how = { env: 'HELM_PATH', cache: `the cached build in ${helmCacheDir()}`, built: `a new build with Go` }[
  helm.how
];
console.log(`Helm: ${helm.path} from ${how} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
