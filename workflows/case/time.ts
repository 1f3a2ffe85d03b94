// Time inside the case workflow: Temporal's deterministic clock, deadlines counted on the official
// calendar by policy (an activity, recorded in history), and durable waits.
import { condition } from '@temporalio/workflow';
import type { PolicyDuration } from '../../domain/policy.js';
import { shanghaiDateOf } from '../../domain/shanghaiDates.js';
import { policy } from './activities.js';

export function nowIso(): string {
  return new Date().toISOString();
}

export function todayInShanghai(): string {
  return shanghaiDateOf(new Date());
}

/** The instant a policy duration after `from` (or before it: a reminder ahead of a due date). */
export async function deadline(from: string, duration: PolicyDuration, before = false): Promise<string> {
  const [d] = await policy.computeDeadlines({ items: [{ from, duration, before }] });
  return d!.at;
}

/** Waits until `at` or until `stop()` holds; true when it stopped early. */
export async function waitUntil(at: string, stop: () => boolean): Promise<boolean> {
  const ms = Date.parse(at) - Date.now();
  if (ms <= 0) return stop();
  return condition(stop, ms);
}
