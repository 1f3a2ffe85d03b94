// Before the browser tests: Debian's Chromium must be there, the console built and up to date,
// and the screenshots folder ready (its path is printed, so a reviewer can open it).
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CONSOLE_DIST, ensureConsoleBuilt } from '../../../tools/console/build.js';
import { CHROMIUM } from './chromium.js';

declare module 'vitest' {
  export interface ProvidedContext {
    screenshotDir: string;
    consoleDist: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH)`);
  }
  const started = Date.now();
  if (await ensureConsoleBuilt()) console.log(`built the console in ${Date.now() - started} ms`);
  const screenshotDir = resolve('test-results', 'screenshots');
  mkdirSync(screenshotDir, { recursive: true });
  console.log(`browser tests: a screenshot of every page in ${screenshotDir}`);
  project.provide('screenshotDir', screenshotDir);
  project.provide('consoleDist', CONSOLE_DIST);
}
