// Search: the case list of GET /v1/cases narrowed to the persons a name or a full ID number finds.
// An ID number is matched through its keyed hash (db/idNumberHash.ts), never as a number; the
// search text reaches no log line, no error message and no URL.
import type { Db } from '../../db/database.js';
import { idNumberHash } from '../../db/idNumberHash.js';
import type { Principal } from '../../domain/access.js';
import { checkIdNumber, normaliseIdNumber } from '../../domain/idNumber.js';
import { validationFailed } from '../errors.js';
import type { CaseSearchBody, CaseSummary } from '../schemas/caseList.js';
import { type PersonMatch, listCases } from './caseList.js';

/** What `q` asks for: any digit makes it an ID number, which must then be whole and valid. */
export function personMatchOf(q: string): PersonMatch {
  const text = q.trim();
  if (/\d/.test(text)) {
    const id = normaliseIdNumber(text);
    if (!/^\d{17}[\dX]$/.test(id))
      throw validationFailed(
        'q: an ID number is searched only in full, all 18 characters; a partial ID number is not searched',
        { field: 'q' },
      );
    if (!checkIdNumber(id).ok) throw validationFailed('q: not a valid ID number', { field: 'q' });
    return { idNumberHash: idNumberHash(id) };
  }
  if ([...text].length < 2) throw validationFailed('q: a name needs at least 2 characters', { field: 'q' });
  return { nameContains: text };
}

export async function searchCases(
  db: Db,
  principal: Principal,
  body: CaseSearchBody,
): Promise<{ items: CaseSummary[]; nextCursor: string | null }> {
  const { q, ...filters } = body;
  return listCases(db, principal, filters, personMatchOf(q));
}
