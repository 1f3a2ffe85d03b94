// One browser test file's world: the real app and worker (createTestEnv) with the HTTP app
// listening on a free port and serving the built console, and Chromium. `page(…)` opens a fresh
// context at the console; `check(page, name)` runs axe-core on what is shown (no serious or
// critical violation), fails on any CSP violation the page hit, and saves a screenshot.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { type TestEnv, type TestEnvOptions, createTestEnv } from '../../support/testEnv.js';
import { launchChromium } from './chromium.js';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface ConsoleEnv {
  env: TestEnv;
  baseUrl: string;
  browser: Browser;
  /** A new browser context (its own cookies and storage) with a page at the console. */
  page(options?: { path?: string; viewport?: { width: number; height: number } }): Promise<Page>;
  /** axe-core on the page as it is now, then a screenshot <name>.png. */
  check(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; html: string; summary: string }>;
}

const cspViolations = new WeakMap<Page, string[]>();

export async function startConsole(options: TestEnvOptions = {}): Promise<ConsoleEnv> {
  const env = await createTestEnv({ ...options, console: { root: inject('consoleDist') } });
  const address = await env.app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  const screenshotDir = inject('screenshotDir');

  return {
    env,
    baseUrl: address,
    browser,
    async page({ path = '/', viewport = { width: 1366, height: 768 } } = {}) {
      const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
      contexts.push(context);
      const page = await context.newPage();
      const violations: string[] = [];
      cspViolations.set(page, violations);
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
          violations.push(message.text());
      });
      page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
      await page.goto(new URL(path, address).toString());
      return page;
    },
    async check(page, name) {
      // Judge the page as a person sees it, not mid-animation: a dialog still zooming in is
      // partly transparent, and its text then measures below the contrast it has once open.
      // (Endless ones, such as a spinner's, are not waited for.)
      await page.waitForFunction(() => {
        // Runs in the page; typed here without the DOM library, which the server code does not load.
        type Running = { playState: string; effect: { getTiming(): { iterations?: number } } | null };
        const doc = (globalThis as unknown as { document: { getAnimations(): Running[] } }).document;
        return doc
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity);
      });
      // Evaluated through the DevTools protocol, which the page's CSP does not govern.
      await page.evaluate(axeSource);
      const violations = await page.evaluate<AxeViolation[]>(
        `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200), summary: n.failureSummary })) })))`,
      );
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
      expect(
        serious.map(
          (v) =>
            `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html} (${n.summary})`).join(', ')}`,
        ),
        `axe-core on ${name}`,
      ).toEqual([]);
      expect(cspViolations.get(page) ?? [], `CSP violations and page errors on ${name}`).toEqual([]);
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await env.close();
    },
  };
}

/** Signs in through the sign-in page, as a person does. */
export async function signInThroughPage(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}
