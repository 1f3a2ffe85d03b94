// `npm start -- --demo` (or DEMO=1): loads the demo region once into a database that has none. Its
// users (every role, two leagues) share one password, printed once with the usernames; nobody is
// asked to change it, so the demo is quick to try. Its 49 cases are made through the API as those
// users (demoCases.ts). Loading twice is refused: the first demo user is the claim, so a second
// start, or a second process starting at the same moment, loads nothing and says why.
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../../api/errors.js';
import { createAccount, generateOneTimePassword } from '../../../api/services/accounts.js';
import type { Db } from '../../../db/database.js';
import { addPolicyVersion } from '../../../db/repositories/policies.js';
import { findUserByUsername } from '../../../db/repositories/users.js';
import { SYSTEM_PRINCIPAL } from '../../../domain/access.js';
import { PASSWORD_RULES, passwordProblems } from '../../../domain/passwordPolicy.js';
import type { DurationsPolicy } from '../../../domain/policy.js';
import { shanghaiDateOf } from '../../../domain/shanghaiDates.js';
import type { Stage } from '../../../domain/vocabulary.js';
import { type DemoActors, type DrivenCase, driveCase } from './demoCases.js';
import { type DemoSession, eventually, signInAs } from './demoClient.js';
import { DEMO_USERS, DRILL_POLICY_NOTE, type DemoUser, SITES, type Site, drillDurations } from './demoRegion.js';
import { DEMO_CASES } from './demoScenario.js';

export interface DemoOptions {
  app: FastifyInstance;
  db: Db;
  /** The API's address, printed with the credentials. */
  apiUrl: string;
  /** DEMO_PASSWORD: every demo user's password; generated when unset. */
  password?: string | undefined;
  /** Changes to Baotou's drill durations (the test's are shorter still). */
  drill?: Partial<DurationsPolicy>;
  /** Cases driven at once. */
  concurrency?: number;
  log?: (line: string) => void;
}

export type DemoResult =
  | { loaded: false; reason: string }
  | { loaded: true; password: string; users: readonly DemoUser[]; cases: DrivenCase[] };

/** Whether this start asked for the demo: `--demo` among the arguments, or DEMO=1 (or true). */
export function demoRequested(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return argv.includes('--demo') || ['1', 'true', 'yes'].includes((env.DEMO ?? '').toLowerCase());
}

/** One password that every demo username accepts under the password policy. */
function demoPassword(): string {
  for (;;) {
    const candidate = generateOneTimePassword('demo');
    if (DEMO_USERS.every((u) => passwordProblems(candidate, u.username).length === 0)) return candidate;
  }
}

export async function loadDemo(options: DemoOptions): Promise<DemoResult> {
  const { app, db } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  // A DEMO_PASSWORD against the policy is a mistake in the environment: said at every start.
  if (options.password) {
    const problems = [...new Set(DEMO_USERS.flatMap((u) => passwordProblems(options.password!, u.username)))];
    if (problems.length > 0) throw new Error(`DEMO_PASSWORD ${problems.join('; ')} (the rule: ${PASSWORD_RULES})`);
  }
  const claim = DEMO_USERS[0]!;
  const already = `the demo region is already loaded (user ${claim.username} exists): nothing loaded`;
  if (await findUserByUsername(db, claim.username)) {
    log(
      `demo: ${already}. Its users keep the password printed when it was loaded; ` +
        'if that load broke off, load it afresh into an empty database (stop, then delete ./.data).',
    );
    return { loaded: false, reason: already };
  }

  const password = options.password || demoPassword();
  const started = Date.now();
  for (const [i, u] of DEMO_USERS.entries()) {
    try {
      await createAccount(db, u, { password, mustChange: false }, SYSTEM_PRINCIPAL);
    } catch (err) {
      if (i === 0 && err instanceof DomainError && err.code === 'CONFLICT') {
        log(`demo: ${already} by another process.`);
        return { loaded: false, reason: already };
      }
      throw err;
    }
  }
  log(`demo: created ${DEMO_USERS.length} users`);

  const today = shanghaiDateOf(new Date());
  await addPolicyVersion(db, {
    name: 'durations',
    division: SITES.baotou.banner,
    effectiveFrom: today,
    body: drillDurations(options.drill),
    note: DRILL_POLICY_NOTE,
  });

  // Some two thousand requests of the demo's own would bury the credentials printed after them:
  // while it loads, the API logs warnings and errors only.
  const level = app.log.level;
  app.log.level = 'warn';
  let cases: DrivenCase[];
  try {
    const actors = await signInActors(app, password);
    cases = await driveAll(actors, today, options.concurrency ?? 4, log);
    await firstOverdue(actors, log);
  } finally {
    app.log.level = level;
  }
  log(`demo: loaded ${cases.length} cases in ${((Date.now() - started) / 1000).toFixed(0)} s (${stageCounts(cases)})`);
  log(credentials(options.apiUrl, password, options.password !== undefined && options.password !== ''));
  return { loaded: true, password, users: DEMO_USERS, cases };
}

async function signInActors(app: FastifyInstance, password: string): Promise<DemoActors> {
  const sessions = new Map<string, DemoSession>();
  const as = async (username: string): Promise<DemoSession> => {
    let s = sessions.get(username);
    if (!s) sessions.set(username, (s = await signInAs(app, username, password)));
    return s;
  };
  const bySite = async (f: (site: Site) => string) => ({
    hohhot: await as(f('hohhot')),
    baotou: await as(f('baotou')),
  });
  const departments = async (site: Site) => {
    const byDepartment: Record<string, DemoSession> = {};
    for (const u of DEMO_USERS) {
      if (u.role !== 'department') continue;
      const leagueOrRegion = u.division === SITES[site].league || u.division === '150000';
      if (leagueOrRegion && !byDepartment[u.org]) byDepartment[u.org] = await as(u.username);
    }
    return byDepartment;
  };
  return {
    institution: await bySite((s) => `demo.inst.${s}`),
    civilAffairs: await bySite((s) => `demo.civil.${s}`),
    finance: await bySite((s) => `demo.finance.${s}`),
    departments: { hohhot: await departments('hohhot'), baotou: await departments('baotou') },
  };
}

/** Drives the scenario's cases a few at a time; any failure stops the load with its reason. */
async function driveAll(
  actors: DemoActors,
  today: string,
  concurrency: number,
  log: (line: string) => void,
): Promise<DrivenCase[]> {
  const results: DrivenCase[] = new Array<DrivenCase>(DEMO_CASES.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < DEMO_CASES.length) {
      const i = next++;
      results[i] = await driveCase(actors, DEMO_CASES[i]!, i + 1, today);
      if (++done % 10 === 0) log(`demo: ${done} of ${DEMO_CASES.length} cases`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return results;
}

/** Baotou's tasks fall due a minute after they open: the credentials wait until one has. */
async function firstOverdue(actors: DemoActors, log: (line: string) => void): Promise<void> {
  const police = actors.departments.baotou.public_security!;
  const overdue = () => police.ok<{ items: unknown[] }>('GET', '/v1/tasks?status=overdue&limit=1');
  if ((await overdue()).items.length > 0) return;
  log("demo: waiting for Baotou's first tasks to fall due (the drill policy's minute)");
  await eventually('an overdue task in Baotou', overdue, (r) => r.items.length > 0, 180_000);
}

function stageCounts(cases: readonly DrivenCase[]): string {
  const counts = new Map<Stage, number>();
  for (const c of cases) counts.set(c.stage, (counts.get(c.stage) ?? 0) + 1);
  return [...counts].map(([stage, n]) => `${stage} ${n}`).join(', ');
}

function credentials(api: string, password: string, fromEnvironment: boolean): string {
  const width = Math.max(...DEMO_USERS.map((u) => u.username.length));
  const rows = DEMO_USERS.map(
    (u) => `    ${u.username.padEnd(width)}  ${u.role.padEnd(13)} ${u.org.padEnd(20)} ${u.division}  ${u.displayName}`,
  );
  return `
  Demo region loaded: sign in at ${api}/ (the console) or with POST ${api}/auth/login
    password  ${fromEnvironment ? 'DEMO_PASSWORD' : `${password}   (every demo user's; shown only now)`}
${rows.join('\n')}
  Hohhot (150100) works under the published durations; in Baotou's 昆都仑区 (150203) a drill policy
  makes each task due a minute after it opens, so overdue tasks and closed cases show at once.
`;
}
