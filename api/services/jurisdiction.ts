// Jurisdiction filters shared by lists and reports: a division the caller names must exist and
// lie within the caller's own; SQL then matches it and everything below it.
import type { Db } from '../../db/database.js';
import { divisionExists } from '../../db/repositories/divisions.js';
import type { Principal } from '../../domain/access.js';
import { divisionCovers, divisionLevel } from '../../domain/divisions.js';
import { validationFailed } from '../errors.js';

/**
 * The division codes a jurisdiction covers, as an index-friendly range: the county itself, a
 * league's 1501xx, the region's 15xxxx (the same rule as domain/divisions.ts divisionCovers).
 */
export function divisionRange(code: string): [string, string] {
  switch (divisionLevel(code)) {
    case 'region':
      return [`${code.slice(0, 2)}0000`, `${code.slice(0, 2)}9999`];
    case 'league':
      return [`${code.slice(0, 4)}00`, `${code.slice(0, 4)}99`];
    case 'county':
      return [code, code];
  }
}

/** The caller's own division, or the one they name when it exists and is within theirs. */
export async function divisionWithin(
  db: Db,
  principal: Principal,
  requested: string | undefined,
  field = 'division',
): Promise<string> {
  if (requested === undefined) return principal.division;
  if (!(await divisionExists(db, requested)))
    throw validationFailed(`${field}: ${requested} is not a GB/T 2260 division of Inner Mongolia`, { field });
  if (!divisionCovers(principal.division, requested)) {
    throw validationFailed(`${field}: ${requested} is not within your jurisdiction ${principal.division}`, { field });
  }
  return requested;
}
