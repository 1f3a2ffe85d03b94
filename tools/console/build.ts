// Builds the web console (console/ → console/dist) when it is missing or older than its sources,
// for `npm start` on a fresh clone and for the browser tests. `npm run build` always builds it.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const CONSOLE_ROOT = fileURLToPath(new URL('../../console', import.meta.url));
export const CONSOLE_DIST = join(CONSOLE_ROOT, 'dist');
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What a build reads: the console's sources and config, and the installed packages' versions. */
const INPUTS = [
  join(CONSOLE_ROOT, 'src'),
  join(CONSOLE_ROOT, 'index.html'),
  join(CONSOLE_ROOT, 'vite.config.mts'),
  join(REPO_ROOT, 'package-lock.json'),
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** True when console/dist is missing, or some source changed after it was built. */
export function consoleIsStale(): boolean {
  const built = join(CONSOLE_DIST, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return INPUTS.some((input) => newestMtime(input) > builtAt);
}

/** `vite build` in a child process (its memory is returned when it ends). */
export async function buildConsole(): Promise<string> {
  const vite = join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [vite, 'build', '--config', join(CONSOLE_ROOT, 'vite.config.mts')],
    // A test runner's NODE_ENV=test would make React and antd build their development variants.
    { cwd: REPO_ROOT, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_ENV: 'production' } },
  );
  return stdout;
}

/** Builds the console unless console/dist is up to date; says whether it built. */
export async function ensureConsoleBuilt(): Promise<boolean> {
  if (!consoleIsStale()) return false;
  await buildConsole();
  return true;
}
