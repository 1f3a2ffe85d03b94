// The text of every payload in a workflow's history, to prove what it does not contain.
import type { WorkflowHandle } from '@temporalio/client';

function collect(value: unknown, out: string[], seen: Set<unknown>): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (value instanceof Uint8Array) {
    out.push(Buffer.from(value).toString('utf8'));
    return;
  }
  for (const v of Object.values(value)) collect(v, out, seen);
}

export async function historyText(handle: WorkflowHandle): Promise<string> {
  const history = await handle.fetchHistory();
  const out: string[] = [];
  collect(history, out, new Set());
  return out.join('\n');
}
