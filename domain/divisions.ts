// GB/T 2260 codes encode their own hierarchy: 15 0000 is the region, 15 01 00 a league-level
// division, 15 01 02 a banner/county/district under it. Scope checks and escalation use the
// codes alone, so workflow code can reason about jurisdictions without a database.

export type DivisionLevel = 'region' | 'league' | 'county';

export function divisionLevel(code: string): DivisionLevel {
  if (code.endsWith('0000')) return 'region';
  if (code.endsWith('00')) return 'league';
  return 'county';
}

/** The division one level up, or null for the region itself. */
export function parentDivision(code: string): string | null {
  switch (divisionLevel(code)) {
    case 'region':
      return null;
    case 'league':
      return `${code.slice(0, 2)}0000`;
    case 'county':
      return `${code.slice(0, 4)}00`;
  }
}

/** The division and every one above it, nearest first: 150102 → [150102, 150100, 150000]. */
export function divisionChain(code: string): string[] {
  const chain: string[] = [];
  for (let c: string | null = code; c !== null; c = parentDivision(c)) chain.push(c);
  return chain;
}

/** Whether a user of `scope` may see and act on something in `target` (its own or below it). */
export function divisionCovers(scope: string, target: string): boolean {
  switch (divisionLevel(scope)) {
    case 'region':
      return target.slice(0, 2) === scope.slice(0, 2);
    case 'league':
      return target.slice(0, 4) === scope.slice(0, 4);
    case 'county':
      return target === scope;
  }
}

/** What every code `divisionCovers(code, ...)` accepts begins with: a SQL `LIKE 'prefix%'` for a jurisdiction. */
export function divisionPrefix(code: string): string {
  const level = divisionLevel(code);
  return level === 'region' ? code.slice(0, 2) : level === 'league' ? code.slice(0, 4) : code;
}
