// The keyed hash of an ID number (HMAC-SHA-256 under SEARCH_HASH_KEY), stored beside the person and
// indexed, so that search finds a full ID number without an ID number in a search index, and a
// copy of the table without the key cannot be searched by guessing numbers.
import { createHmac } from 'node:crypto';
import { normaliseIdNumber } from '../domain/idNumber.js';

/** Development and tests only: production refuses to start without SEARCH_HASH_KEY. */
const DEVELOPMENT_KEY = 'orphan-resettlement-development-search-hash-key';

/** SEARCH_HASH_KEY (32 characters or more); outside production, a fixed development key without it. */
export function searchHashKey(env: NodeJS.ProcessEnv = process.env): string {
  const key = env.SEARCH_HASH_KEY;
  if (key) {
    if (key.length < 32) throw new Error('SEARCH_HASH_KEY must be at least 32 characters');
    return key;
  }
  if (env.NODE_ENV === 'production') throw new Error('SEARCH_HASH_KEY is required when NODE_ENV=production');
  return DEVELOPMENT_KEY;
}

/** The hash stored in persons.id_number_hash, of the number as it is stored (trimmed, X upper-case). */
export function idNumberHash(idNumber: string, key: string = searchHashKey()): string {
  return createHmac('sha256', key).update(normaliseIdNumber(idNumber)).digest('hex');
}
