// What each chaos file did, summed by the suite's global teardown into its closing line.
import { writeFileSync } from 'node:fs';

export const COUNT_NAMES = ['seeds', 'cases', 'payments', 'duplicates', 'fuzzed', '5xx', 'histories'] as const;
export type CountName = (typeof COUNT_NAMES)[number];

export class Counts {
  readonly values: Record<CountName, number> = {
    seeds: 0,
    cases: 0,
    payments: 0,
    duplicates: 0,
    fuzzed: 0,
    '5xx': 0,
    histories: 0,
  };
  constructor(private readonly file: string | null) {}

  add(name: CountName, n = 1): void {
    this.values[name] += n;
    this.flush();
  }

  flush(): void {
    if (this.file) writeFileSync(this.file, JSON.stringify(this.values));
  }
}

export function summaryLine(all: Array<Partial<Record<CountName, number>>>): string {
  const sum = (k: CountName) => all.reduce((n, c) => n + (c[k] ?? 0), 0);
  return `chaos: ${COUNT_NAMES.map((k) => `${k}=${sum(k)}`).join(' ')}`;
}
