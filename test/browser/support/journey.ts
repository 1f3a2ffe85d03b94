// Steps the cross-role journeys share: a person of a role signing in through the sign-in page in a
// browser context of their own, working a task in 待办, and waiting for what a page shows after the
// workflow moved on (the page is reloaded as a person would, never a wall-clock assertion).
import type { Locator, Page } from 'playwright-core';
import { createTestUser } from '../../support/accounts.js';
import type { ConsoleEnv } from './consoleEnv.js';
import { signInThroughPage } from './consoleEnv.js';

export type Person = Parameters<typeof createTestUser>[1];

/** A new account for `who`, signed in through the sign-in page of a fresh context at `path`. */
export async function signedIn(c: ConsoleEnv, who: Person, path: string): Promise<Page> {
  const user = await createTestUser(c.env.db, who);
  const page = await c.page({ path });
  await signInThroughPage(page, user.username, user.password);
  return page;
}

/** Reloads the page until `target` shows (the workflow projects a step a moment after it happened). */
export async function reloadUntil(page: Page, target: Locator, attempts = 30): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await target.first().waitFor({ timeout: 2_000 });
      return;
    } catch (error) {
      if (i >= attempts) throw error;
      await page.reload();
    }
  }
}

/** 待办: opens the case's task of this kind (its word, as the row's link names it) and 办结 it with a note. */
export async function completeTask(
  c: ConsoleEnv,
  page: Page,
  caseId: string,
  kind: string,
  note: string,
  screenshot?: string,
): Promise<void> {
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '待办' }).click();
  await page.getByRole('heading', { name: '待办', level: 1 }).waitFor();
  const row = page.getByRole('row').filter({ hasText: caseId });
  await reloadUntil(page, row.getByRole('link', { name: kind, exact: true }));
  await row.getByRole('link', { name: kind, exact: true }).click();
  await page.getByRole('heading', { name: kind, level: 1 }).waitFor();
  await page.getByRole('button', { name: '办结' }).click();
  const dialog = page.getByRole('dialog', { name: '办结' });
  await dialog.getByLabel('办理说明').fill(note);
  if (screenshot) await c.check(page, screenshot);
  await dialog.getByRole('button', { name: '提交' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByText('已办结', { exact: true }).first().waitFor();
}
