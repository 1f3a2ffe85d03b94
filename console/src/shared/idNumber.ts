// GB 11643-1999 citizen identity numbers, checked as the person types: the same rule as the
// server's domain/idNumber.ts (which the console may not import), ported to say what is wrong in
// words of the catalogue rather than in English. 6-digit division code, 8-digit birth date,
// 3-digit sequence (odd for men, even for women), then the ISO 7064 MOD 11-2 check character.
export type Sex = 'male' | 'female';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Indexed by the weighted sum modulo 11. */
const CHECK_CHARACTERS = '10X98765432';
export const ID_NUMBER_LENGTH = 18;

export type IdNumberFeedback =
  /** Nothing typed yet. */
  | { status: 'empty' }
  /** Fewer than 18 characters, none wrong so far. */
  | { status: 'incomplete'; length: number }
  /** `position` is 1-based, for `character`. */
  | { status: 'invalid'; problem: 'character'; position: number }
  | { status: 'invalid'; problem: 'tooLong'; length: number }
  | { status: 'invalid'; problem: 'birthDate' | 'birthDateFuture' | 'birthDateBefore1900'; birthDate: string }
  | { status: 'invalid'; problem: 'checkDigit'; expected: string; actual: string }
  | { status: 'valid'; birthDate: string; sex: Sex; divisionCode: string };

/** Trims surrounding blanks and upper-cases a final x, the form the server stores. */
export function normaliseIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

export function computeCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('computeCheckDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

function isRealDate(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(y, m - 1, d));
  return utc.getUTCFullYear() === y && utc.getUTCMonth() === m - 1 && utc.getUTCDate() === d;
}

/**
 * What to tell the person about what they have typed so far. `today` (YYYY-MM-DD, Asia/Shanghai)
 * refuses a birth date in the future, as the server does.
 */
export function checkIdNumber(value: string, today?: string): IdNumberFeedback {
  const id = normaliseIdNumber(value);
  if (id === '') return { status: 'empty' };
  const wrong = [...id].findIndex((c, i) => !(/\d/.test(c) || (i === 17 && c === 'X')));
  if (wrong >= 0 && wrong < ID_NUMBER_LENGTH) return { status: 'invalid', problem: 'character', position: wrong + 1 };
  if (id.length > ID_NUMBER_LENGTH) return { status: 'invalid', problem: 'tooLong', length: id.length };

  if (id.length >= 14) {
    const compact = id.slice(6, 14);
    const birthDate = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
    if (!isRealDate(birthDate)) return { status: 'invalid', problem: 'birthDate', birthDate: compact };
    if (birthDate < '1900-01-01') return { status: 'invalid', problem: 'birthDateBefore1900', birthDate };
    if (today !== undefined && birthDate > today) return { status: 'invalid', problem: 'birthDateFuture', birthDate };
  }
  if (id.length < ID_NUMBER_LENGTH) return { status: 'incomplete', length: id.length };

  const expected = computeCheckDigit(id.slice(0, 17));
  const actual = id[17]!;
  if (actual !== expected) return { status: 'invalid', problem: 'checkDigit', expected, actual };
  return {
    status: 'valid',
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    divisionCode: id.slice(0, 6),
  };
}
