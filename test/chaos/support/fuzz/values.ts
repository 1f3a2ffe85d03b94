// Values for the fuzzer: plausible ones generated from a JSON schema (so requests reach the
// handlers), and hostile ones (huge, empty, control characters, unpaired surrogates, invalid ID
// numbers and dates, wrong types) to put in their place.
import fc from 'fast-check';
import { newPerson } from '../people.js';
import type { Schema } from './openapi.js';

export interface KnownIds {
  ownCaseIds: string[];
  otherCaseIds: string[];
  ownTaskIds: string[];
  otherTaskIds: string[];
  standardIds: string[];
  /** Accounts the administrator's routes aim at, in and out of the callers' jurisdiction. */
  userIds: string[];
}

const uuid = fc.uuid({ version: 4 });
export const randomCaseId = uuid.map((u) => `case-${u}`);
export const randomTaskId = uuid.map((u) => `t-${u}`);

export const hugeString = fc.constantFrom('x'.repeat(100_000), '名'.repeat(35_000), 'ab'.repeat(60_000));
export const controlString = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m红\u001b[0m',
  '\r\n\t',
  '\u0008\u007f',
  '\u2028\u2029',
  '\u202eabc',
  '\ufeff',
);
export const surrogateString = fc.constantFrom('\ud800', 'x\udc00y', '\udfff\ud800', '名\ud83d');
export const injectionString = fc.constantFrom(
  "' OR 1=1 --",
  '"; DROP TABLE cases; --',
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  '../../etc/passwd',
  '%00',
  '__proto__',
  'constructor',
);
export const invalidIdNumber = fc.constantFrom(
  '150102200802301234', // 30 February
  '150102200805120017', // wrong check digit
  '15010220080512001Y',
  '1501022008051200',
  '000000000000000000',
  '15010230000512001X', // born in the future
  '150102190005120012', // born in 1900
  '1501022008O512001X',
  '１５０１０２２００８０５１２００１Ｘ',
);
export const invalidDate = fc.constantFrom(
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '0000-00-00',
  '9999-99-99',
  '2026-2-3',
  '20260101',
  '2025-02-29',
  '1900-01-01',
  '2026-01-01T00:00:00Z',
  'yesterday',
  '',
);
export const wrongType = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant({ nested: { deeper: [1, 'two'] } }),
  fc.constantFrom(1e308, -1, 2 ** 53 + 1, -0),
);

export const hostileString = fc.oneof(
  fc.constant(''),
  hugeString,
  controlString,
  surrogateString,
  injectionString,
  invalidIdNumber,
  invalidDate,
  fc.string({ unit: 'binary', maxLength: 20 }),
);

export const hostileValue = fc.oneof({ weight: 3, arbitrary: hostileString }, { weight: 2, arbitrary: wrongType });

function stringFor(s: Schema, key: string, ids: KnownIds): fc.Arbitrary<string> {
  const pattern = typeof s.pattern === 'string' ? s.pattern : '';
  if (pattern.startsWith('^case-'))
    return fc.oneof(fc.constantFrom(...ids.ownCaseIds, ...ids.otherCaseIds), randomCaseId);
  if (pattern.startsWith('^t-')) return fc.oneof(fc.constantFrom(...ids.ownTaskIds, ...ids.otherTaskIds), randomTaskId);
  if (pattern === '^15\\d{4}$') return fc.constantFrom('150102', '150100', '150000', '150202', '150200', '159999');
  if (pattern.includes('\\d{4}-\\d{2}-\\d{2}'))
    return fc.constantFrom('2026-01-01', '2027-07-01', '2008-05-12', '2026-11-30');
  if (s.format === 'date-time')
    return fc.constantFrom('2026-01-01T00:00:00+08:00', new Date().toISOString(), '2025-06-01T12:00:00Z');
  if (key === 'idNumber') return fc.constant(null).map(() => newPerson().idNumber);
  if (key === 'name' || key === 'holder') return fc.constant(null).map(() => newPerson().name);
  if (key === 'id' && ids.standardIds.length > 0) return fc.constantFrom(...ids.standardIds);
  if (key === 'userId' && ids.userIds.length > 0)
    return fc.oneof(fc.constantFrom(...ids.userIds), fc.uuid({ version: 4 }));
  if (pattern) {
    try {
      return fc.stringMatching(new RegExp(pattern), { maxLength: 40 });
    } catch {
      // a pattern JavaScript cannot read: plain strings then
    }
  }
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = Math.max(min, Math.min(typeof s.maxLength === 'number' ? s.maxLength : 30, 30));
  return fc.string({ minLength: min, maxLength: max });
}

/** A value the schema most likely accepts. */
export function fromSchema(s: Schema, ids: KnownIds, key = '', depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return fc.constant(null);
  if (Array.isArray(s.enum) && s.enum.length > 0) return fc.constantFrom(...(s.enum as unknown[]));
  if ('const' in s) return fc.constant(s.const);
  const union = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (union?.length) return fc.oneof(...union.map((u) => fromSchema(u, ids, key, depth + 1)));
  const type = Array.isArray(s.type) ? (s.type.find((t: string) => t !== 'null') ?? 'null') : s.type;
  switch (type) {
    case 'string':
      return stringFor(s, key, ids);
    case 'integer':
      return fc.integer({
        min: typeof s.minimum === 'number' ? s.minimum : -5,
        max: typeof s.maximum === 'number' ? Math.min(s.maximum, 10_000_000) : 10_000_000,
      });
    case 'number':
      return fc.double({ min: 0, max: 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(fromSchema(s.items ?? {}, ids, key, depth + 1), {
        maxLength: Math.min(typeof s.maxItems === 'number' ? s.maxItems : 3, 3),
      });
    case 'object': {
      const props = Object.entries<Schema>(s.properties ?? {});
      if (props.length === 0) return fc.constant({});
      const required = new Set<string>(s.required ?? []);
      return fc.record(Object.fromEntries(props.map(([k, v]) => [k, fromSchema(v, ids, k, depth + 1)])), {
        requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)),
      });
    }
    default:
      return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean());
  }
}

/** Replaces the n-th leaf (or adds or removes a key) of a JSON value. */
export function mutate(value: unknown, n: number, how: 'replace' | 'add' | 'remove', replacement: unknown): unknown {
  const slots: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const objects: Array<Record<string, unknown>> = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        slots.push({ parent: v, key: i });
        walk(x);
      });
    } else if (v && typeof v === 'object') {
      objects.push(v as Record<string, unknown>);
      for (const [k, x] of Object.entries(v)) {
        slots.push({ parent: v as Record<string, unknown>, key: k });
        walk(x);
      }
    }
  };
  const copy = structuredClone(value);
  walk(copy);
  if (how === 'add' && objects.length > 0) objects[n % objects.length]!['unexpected' + (n % 7)] = replacement;
  else if (how === 'remove' && slots.length > 0) {
    const s = slots[n % slots.length]!;
    if (Array.isArray(s.parent)) s.parent.splice(s.key as number, 1);
    else delete s.parent[s.key as string];
  } else if (slots.length > 0) {
    const s = slots[n % slots.length]!;
    (s.parent as Record<string | number, unknown>)[s.key] = replacement;
  } else return replacement;
  return copy;
}

/** Percent-encodes like encodeURIComponent, but lets unpaired surrogates through as the bytes a broken client would send. */
export function encodeSegment(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    out += code >= 0xd800 && code <= 0xdfff ? '%ED%A0%80' : encodeURIComponent(ch);
  }
  return out;
}
