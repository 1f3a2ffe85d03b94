// Where the built console is: <package root>/console/dist, from the sources (bin/runtime/) and from
// the compiled files (dist/bin/runtime/) alike. Null when it was never built.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConsoleOptions } from '../../api/plugins/console.js';

function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export function builtConsole(): ConsoleOptions | null {
  const root = join(packageRoot(), 'console', 'dist');
  return existsSync(join(root, 'index.html')) ? { root } : null;
}
