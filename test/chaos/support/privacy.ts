// The privacy scan: every workflow history on the Temporal server (every payload decoded, every
// failure message, search attributes and memo), the API's and the workers' logs, every URL the
// suite sent, every notification written (the notifications table), every e-mail digest (as
// Mailpit received it) and every webhook payload (as a receiver got it). None may contain a
// registered name, ID number or account number.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { ChaosEnv } from './chaosEnv.js';
import type { Person } from './people.js';

/** Every string and every byte payload (as UTF-8) anywhere in the value. */
function collect(value: unknown, out: string[], seen: Set<unknown>): void {
  if (typeof value === 'string') return void out.push(value);
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (value instanceof Uint8Array) return void out.push(Buffer.from(value).toString('utf8'));
  for (const v of Object.values(value)) collect(v, out, seen);
}

/** The text of every workflow's history matching `query` (all workflows when absent). */
export async function historyTexts(client: Client, query?: string): Promise<Array<{ id: string; text: string }>> {
  const texts: Array<{ id: string; text: string }> = [];
  for await (const wf of client.workflow.list(query ? { query } : {})) {
    const history = await client.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
    const out: string[] = [wf.workflowId, JSON.stringify(wf.searchAttributes ?? {}), JSON.stringify(wf.memo ?? {})];
    collect(history, out, new Set());
    texts.push({ id: `${wf.workflowId}/${wf.runId}`, text: out.join('\n') });
  }
  return texts;
}

export function needlesOf(people: Person[]): string[] {
  return people.flatMap((p) => [p.name, p.idNumber, p.accountNo]);
}

/** Where each needle shows up; the needle itself is only named by its kind, never printed. */
export function findLeaks(sources: Array<{ id: string; text: string }>, people: Person[]): string[] {
  const leaks: string[] = [];
  for (const s of sources) {
    for (const [i, p] of people.entries()) {
      for (const [kind, needle] of [
        ['name', p.name],
        ['idNumber', p.idNumber],
        ['accountNo', p.accountNo],
      ] as const) {
        if (needle !== '' && s.text.includes(needle)) leaks.push(`${kind} of person #${i} in ${s.id}`);
      }
    }
  }
  return leaks;
}

/** What each file leaves beside its logs: URL lists, notifications, mails, webhook payloads. */
export const ARTIFACT_KINDS = ['urls-', 'notifications-', 'mail-', 'webhooks-'] as const;

/** Log files, URL lists, notifications, mails and webhook payloads under the artifacts directory. */
export function artifactTexts(dir: string): Array<{ id: string; text: string }> {
  const files: Array<{ id: string; text: string }> = [];
  const logs = join(dir, 'logs');
  if (existsSync(logs))
    for (const f of readdirSync(logs)) files.push({ id: `logs/${f}`, text: readFileSync(join(logs, f), 'utf8') });
  for (const f of readdirSync(dir))
    if (ARTIFACT_KINDS.some((k) => f.startsWith(k))) files.push({ id: f, text: readFileSync(join(dir, f), 'utf8') });
  return files;
}

export function registeredPeople(dir: string): Person[] {
  const file = join(dir, 'people.ndjson');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Person);
}

/** One file's scan: its workflows (by `query`), the logs so far, and its own URLs. */
export async function scanPrivacy(
  env: ChaosEnv,
  o: { query?: string; client?: Client } = {},
): Promise<{ leaks: string[]; histories: number; sources: number }> {
  const histories = await historyTexts(o.client ?? env.client, o.query);
  env.counts.add('histories', histories.length);
  const sources = [...histories, ...artifactTexts(env.dir), { id: `urls of ${env.name}`, text: env.urls.join('\n') }];
  const people = [
    ...new Map(
      [...env.registry.people, ...registeredPeople(env.dir)].map((p) => [`${p.name}|${p.idNumber}|${p.accountNo}`, p]),
    ).values(),
  ];
  return { leaks: findLeaks(sources, people), histories: histories.length, sources: sources.length };
}
