// Keyset pagination on (created_at, id): the cursor carries the last row's timestamp exactly as
// PostgreSQL holds it (microseconds, which a JavaScript Date would round away) and its id.
import { type RawBuilder, sql } from 'kysely';
import { validationFailed } from '../errors.js';

export interface Position {
  at: string;
  id: string;
}

const EXACT_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * A timestamptz column as ISO 8601 UTC text, printed by PostgreSQL: with milliseconds ('MS', as
 * toISOString writes it, the rest cut off) or microseconds ('US', all PostgreSQL holds).
 */
export function utcInstant<T extends string | null = string>(column: string, fraction: 'MS' | 'US'): RawBuilder<T> {
  return sql<T>`to_char(${sql.ref(column)} AT TIME ZONE 'UTC', ${sql.lit(`YYYY-MM-DD"T"HH24:MI:SS.${fraction}"Z"`)})`;
}

/** A timestamptz column as UTC text with all six fractional digits, for a cursor. */
export function exactInstant(column: string): RawBuilder<string> {
  return utcInstant(column, 'US');
}

export function encodeCursor(p: Position): string {
  return Buffer.from(JSON.stringify([p.at, p.id])).toString('base64url');
}

export function decodeCursor(raw: string, maxIdLength = 100): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [at, id] = value as unknown[];
      if (typeof at === 'string' && EXACT_INSTANT.test(at) && typeof id === 'string' && id.length <= maxIdLength)
        return { at, id };
    }
  } catch {
    // not base64url JSON: refused below
  }
  throw validationFailed('cursor: not a cursor this API gave out (pass nextCursor from the previous page unchanged)');
}

/** Rows strictly after the position, in (created_at, id) order. */
export function after(createdAt: string, id: string, p: Position): RawBuilder<boolean> {
  return sql<boolean>`(${sql.ref(createdAt)}, ${sql.ref(id)}) > (${p.at}::timestamptz, ${p.id})`;
}

/** Splits one row past the page into the page and the cursor of its last row. */
export function page<T>(
  rows: T[],
  limit: number,
  position: (row: T) => Position,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(position(last)) : null };
}
