// Counts the SQL statements this process sends, by their first word, to show how many round trips
// a case costs. Wraps pg.Client's query() once; the counts only ever grow.
import pg from 'pg';

const counts = new Map<string, number>();
let installed = false;

export function countQueries(): void {
  if (installed) return;
  installed = true;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with its own `this`
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    const text = typeof first === 'string' ? first : ((first as { text?: string } | undefined)?.text ?? '');
    const verb = (/^\s*(\w+)/.exec(text)?.[1] ?? '?').toUpperCase();
    counts.set(verb, (counts.get(verb) ?? 0) + 1);
    return original.apply(this, args);
  } as typeof pg.Client.prototype.query;
}

export function querySnapshot(): Map<string, number> {
  return new Map(counts);
}

/** "312 statements (BEGIN 40, SELECT 120, ...)" per unit between two snapshots. */
export function describeQueries(
  a: Map<string, number>,
  b: Map<string, number>,
  per: number,
  unit: string,
  minus: Record<string, number> = {},
): string {
  const diff = [...b]
    .map(([verb, n]) => [verb, (n - (a.get(verb) ?? 0) - (minus[verb] ?? 0)) / per] as const)
    .filter(([, n]) => n > 0);
  const total = diff.reduce((s, [, n]) => s + n, 0);
  return `${total.toFixed(0)} SQL statements per ${unit} (${diff
    .sort((x, y) => y[1] - x[1])
    .map(([verb, n]) => `${verb} ${n.toFixed(0)}`)
    .join(', ')})`;
}
