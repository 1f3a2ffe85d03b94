// 4. The web console (issue 13): (a) what its first page costs to load, from a fresh build's
// manifest (tools/console/bundleReport.ts); (b) in Chromium, from navigation start to an inbox of
// 50 tasks a person can use, against the same page with 1 task; (c) the inbox of the region-level
// user among the 100,000 tasks bench/inbox.ts seeds: its first page and a page near the end of its
// cursor chain, rendered. Cold is a new browser context (empty cache, signed in through the API,
// so no page was loaded before); warm is the same URL opened again in it (the hashed assets come
// from the cache). The pages are opened in rounds, each round opening every one of them, so that
// another tenant's burst falls on all.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { buildApp } from '../api/app.js';
import { createAccount } from '../api/services/accounts.js';
import { SYSTEM_PRINCIPAL } from '../domain/access.js';
import { CHROMIUM, launchChromium } from '../test/browser/support/chromium.js';
import { CONSOLE_DIST, buildConsole, consoleIsStale } from '../tools/console/build.js';
import { INITIAL_JS_BUDGET_BYTES, bundleReport } from '../tools/console/bundleReport.js';
import { deepInboxCursor, ensureInboxTasks } from './inbox.js';
import type { Indexes } from './support/indexes.js';
import { percentile } from './support/loop.js';
import { type Figure, figure, log, remainingMs } from './support/report.js';
import type { BenchServices } from './support/services.js';

const KB = 1024;
const ROWS = 50;

/** One measured opening of a list page, on the page's own clock (0 = the navigation's start). */
interface Opening {
  /** When the rows were laid out and the first row's link took a click. */
  readyMs: number;
  /** When the last GET /v1/tasks answer had arrived. */
  apiMs: number;
}

/** What the probe reads of the page (typed here: the benchmarks compile without the DOM library). */
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface PageElement {
  getBoundingClientRect(): Box;
  querySelector(selector: string): PageElement | null;
  contains(other: unknown): boolean;
}
interface PageGlobals {
  document: {
    querySelectorAll(selector: string): ArrayLike<PageElement>;
    elementFromPoint(x: number, y: number): unknown;
  };
  performance: { now(): number; getEntriesByType(type: string): Array<{ name: string; responseEnd: number }> };
}

/**
 * Runs in the page on every frame (a function, not a string: the page's CSP forbids eval): the
 * opening once `rows` rows of the page's table are laid out and the first row's link is what a
 * click at its centre would reach (no loading mask over it), else false. No named inner functions:
 * tsx would wrap them in a helper the page does not have.
 */
function readyProbe(rows: number): Opening | false {
  const page = globalThis as unknown as PageGlobals;
  const trs = page.document.querySelectorAll('main .ant-table-tbody tr[data-row-key]');
  const last = trs[rows - 1];
  const first = trs[0];
  if (trs.length < rows || !last || !first || last.getBoundingClientRect().height === 0) return false;
  const link = first.querySelector('a[href]');
  if (!link) return false;
  const box = link.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) return false;
  const hit = page.document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  if (!hit || !link.contains(hit)) return false;
  const answers = page.performance.getEntriesByType('resource').filter((e) => e.name.includes('/v1/tasks?'));
  return { readyMs: page.performance.now(), apiMs: Math.max(0, ...answers.map((e) => e.responseEnd)) };
}

async function open(page: Page, url: string, rows: number): Promise<Opening> {
  await page.goto(url, { waitUntil: 'commit' });
  const ready = await page.waitForFunction(readyProbe, rows, { polling: 'raf', timeout: 120_000 });
  return (await ready.jsonValue()) as Opening;
}

interface Target {
  name: string;
  path: string;
  rows: number;
  username: string;
  password: string;
  cold: Opening[];
  warm: Opening[];
}

async function makeUser(
  s: BenchServices,
  org: string,
  division: string,
): Promise<{ username: string; password: string }> {
  const username = `bench.console.${org}.${randomUUID().slice(0, 8)}`;
  const password = `Bench-${randomUUID()}`;
  await createAccount(
    s.db,
    { username, displayName: '基准测试', role: 'department', org, division },
    { password, mustChange: false },
    SYSTEM_PRINCIPAL,
  );
  return { username, password };
}

/** One case in 150102 with `count` open tasks of `department`, due an hour apart from tomorrow on. */
async function seedDepartmentTasks(s: BenchServices, department: string, count: number): Promise<void> {
  const caseId = `case-bench-console-${department}`;
  const personId = randomUUID();
  await sql`
    INSERT INTO persons (person_id, id_number, name, birth_date, sex, hukou_type, bank_account)
    VALUES (${personId}::uuid, ${`BENCHC${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`}, '测试青年',
            date '2008-01-01', 'female', 'urban', '{"bank":"中国农业银行","accountNo":"6228480012345678","holder":"测试青年"}')
  `.execute(s.db);
  await sql`
    INSERT INTO cases (case_id, person_id, institution_id, division_code, stage, pathway, adulthood_date)
    VALUES (${caseId}, ${personId}::uuid, 'inst-bench', '150102', 'social_placement', 'social_placement', date '2026-01-01')
  `.execute(s.db);
  await sql`
    INSERT INTO tasks (task_id, case_id, kind, assignee_role, department, division_code, status, due_at, details, created_at)
    SELECT ${caseId} || '-' || g, ${caseId}, ${`${department}_task`}, 'department', ${department}, '150102', 'open',
           now() + interval '1 day' + (g || ' hours')::interval, '{}', now() - interval '1 day'
    FROM generate_series(1, ${count}) g
  `.execute(s.db);
}

function stats(values: number[]): { median: number; p95: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

export async function benchConsole(
  s: BenchServices,
  scale: number,
  _ids: Indexes,
): Promise<{ figures: Figure[]; notes: string[] }> {
  const figures: Figure[] = [];
  const notes: string[] = [];

  // (a) The bundle, built now if the sources changed since console/dist was.
  if (consoleIsStale()) {
    log('  building the console ...');
    await buildConsole();
  }
  const bundle = bundleReport();
  const allGzip = bundle.chunks.reduce((sum, c) => sum + c.gzipBytes, 0);
  log(
    `  initial JavaScript: ${bundle.initial.files.length} files, ${(bundle.initial.gzipBytes / KB).toFixed(1)} KB gzipped of ${(allGzip / KB).toFixed(1)} KB`,
  );
  figures.push(
    figure({
      name: 'console initial JavaScript (index.html and its static imports), gzip -9',
      value: bundle.initial.gzipBytes / KB,
      unit: 'KB',
      baseline: "all of the console's JavaScript, gzip -9",
      baselineValue: allGzip / KB,
      target: { op: 'value<=', value: INITIAL_JS_BUDGET_BYTES / KB },
    }),
  );
  const largest = bundle.chunks
    .slice(0, 6)
    .map((c) => `${c.file} ${(c.gzipBytes / KB).toFixed(1)} KB${c.initial ? ' (initial)' : ''}`);
  const workbench = bundle.routes.find((r) => r.src.endsWith('/WorkbenchPage.tsx'));
  notes.push(
    `Console bundle: initial JavaScript ${(bundle.initial.bytes / KB).toFixed(1)} KB raw, ${(bundle.initial.gzipBytes / KB).toFixed(1)} KB gzipped in ${bundle.initial.files.length} files; ` +
      `the workbench adds ${((workbench?.gzipBytes ?? 0) / KB).toFixed(1)} KB gzipped when first opened; largest chunks (gzipped): ${largest.join(', ')}.`,
  );

  if (!existsSync(CHROMIUM)) {
    notes.push(
      `Console pages: not measured, no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`,
    );
    return { figures, notes };
  }

  // (b) and (c): the API serving the console, with the same database and Temporal as the rest.
  await seedDepartmentTasks(s, 'education', ROWS);
  await seedDepartmentTasks(s, 'justice', 1);
  await ensureInboxTasks(s);
  const region = { org: 'hrss', division: '150000' };
  const deep = await deepInboxCursor(s, { sub: 'bench', role: 'department', ...region });
  const app = await buildApp({
    db: s.db,
    temporal: { client: s.client, taskQueue: s.taskQueue },
    auth: { jwtSecret: `bench-console-${randomUUID()}`, signInRateLimit: { max: 1_000_000_000 } },
    rateLimit: { max: 1_000_000_000 },
    console: { root: CONSOLE_DIST },
  });
  let browser: Browser | null = null;
  try {
    const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
    const targets: Target[] = [
      {
        name: 'inbox of 50 tasks',
        path: '/inbox',
        rows: ROWS,
        ...(await makeUser(s, 'education', '150102')),
        cold: [],
        warm: [],
      },
      {
        name: 'inbox of 1 task',
        path: '/inbox',
        rows: 1,
        ...(await makeUser(s, 'justice', '150102')),
        cold: [],
        warm: [],
      },
      {
        name: `100k tasks: region inbox (${deep.rows}), first page`,
        path: '/inbox',
        rows: ROWS,
        ...(await makeUser(s, region.org, region.division)),
        cold: [],
        warm: [],
      },
      {
        name: `100k tasks: region inbox, page at row ${deep.offset}`,
        path: `/inbox?cursor=${deep.cursor}`,
        rows: ROWS,
        ...(await makeUser(s, region.org, region.division)),
        cold: [],
        warm: [],
      },
    ];
    const rounds = Math.max(3, Math.round(7 * scale));
    const t0 = Date.now();
    for (let round = 0; round < rounds; round++) {
      // Stop early (at least three rounds) if the run's budget says so: a round takes about as long as the last.
      const perRound = round === 0 ? 0 : (Date.now() - t0) / round;
      if (round >= 3 && remainingMs() < perRound * 2) {
        notes.push(`Console pages: ${round} rounds of the ${rounds} planned, the run's time budget was short.`);
        break;
      }
      for (const target of targets) {
        const context = await browser.newContext({
          viewport: { width: 1366, height: 768 },
          locale: 'zh-CN',
          timezoneId: 'Asia/Shanghai',
        });
        try {
          const signIn = await context.request.post(`${baseUrl}/auth/login`, {
            data: { username: target.username, password: target.password },
          });
          if (!signIn.ok()) throw new Error(`sign-in as ${target.username}: HTTP ${signIn.status()}`);
          const page = await context.newPage();
          const url = new URL(target.path, baseUrl).toString();
          target.cold.push(await open(page, url, target.rows));
          target.warm.push(await open(page, url, target.rows));
        } finally {
          await context.close();
        }
      }
    }
    for (const t of targets) {
      const cold = stats(t.cold.map((o) => o.readyMs));
      const warm = stats(t.warm.map((o) => o.readyMs));
      const api = stats(t.warm.map((o) => o.apiMs));
      log(
        `  ${t.name}: cold ${cold.median.toFixed(0)} ms (p95 ${cold.p95.toFixed(0)}), warm ${warm.median.toFixed(0)} ms (p95 ${warm.p95.toFixed(0)}), its GET /v1/tasks answered by ${api.median.toFixed(0)} ms (warm)`,
      );
      notes.push(
        `Console ${t.name}: ${t.cold.length} runs; cold median ${cold.median.toFixed(0)} ms, p95 ${cold.p95.toFixed(0)} ms; warm median ${warm.median.toFixed(0)} ms, p95 ${warm.p95.toFixed(0)} ms; the GET /v1/tasks answer had arrived at ${stats(t.cold.map((o) => o.apiMs)).median.toFixed(0)} ms cold, ${api.median.toFixed(0)} ms warm (medians).`,
      );
    }
    const [fifty, one, first, deepest] = targets as [Target, Target, Target, Target];
    const ms = (o: Opening[], p: 'median' | 'p95') => stats(o.map((x) => x.readyMs))[p];
    for (const [kind, p] of [
      ['cold', 'median'],
      ['cold', 'p95'],
      ['warm', 'median'],
      ['warm', 'p95'],
    ] as const) {
      figures.push(
        figure({
          name: `console: navigation → inbox of 50 tasks interactive, ${kind}, ${p}`,
          value: ms(fifty[kind], p),
          unit: 'ms',
          baseline: `the same page with 1 task, ${kind}, ${p}`,
          baselineValue: ms(one[kind], p),
        }),
      );
    }
    for (const target of [first, deepest]) {
      figures.push(
        figure({
          name: `console: navigation → ${target.name} interactive, warm, median`,
          value: ms(target.warm, 'median'),
          unit: 'ms',
          baseline: 'the inbox of 50 tasks, warm, median',
          baselineValue: ms(fifty.warm, 'median'),
        }),
      );
    }
    notes.push(
      'Console pages: Chromium 1366×768, zh-CN; "interactive" = the 50th (or only) row of the table laid out and the first ' +
        "row's link the element a click at its centre reaches, on the page's clock from navigation start (performance.now(), polled every frame).",
    );
  } finally {
    await browser?.close().catch(() => undefined);
    await app.close();
  }
  return { figures, notes };
}
