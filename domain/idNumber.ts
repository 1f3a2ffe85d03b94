// GB 11643-1999 citizen identity numbers: 6-digit administrative division code, 8-digit birth
// date, 3-digit sequence (odd for men, even for women), then an ISO 7064 MOD 11-2 check
// character. Only the 18-character form is accepted: everyone leaving care today was issued one.
import { compareDates, isValidDate } from './shanghaiDates.js';
import type { Sex } from './vocabulary.js';

export type IdNumberCheck =
  | { ok: true; birthDate: string /* YYYY-MM-DD */; sex: Sex; divisionCode: string /* first 6 digits */ }
  | { ok: false; reason: string };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
// Index is the weighted sum modulo 11.
const CHECK_CHARACTERS = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;
const SHAPE_RULE = 'must be 18 characters: 17 digits then a digit or X';

/** Trims surrounding blanks and upper-cases a final x, the form the number is stored in. */
export function normaliseIdNumber(value: string): string {
  return value.trim().toUpperCase();
}

export function computeCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('computeCheckDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/**
 * `today` (YYYY-MM-DD, Asia/Shanghai) rejects birth dates in the future; it is a parameter
 * because this module runs inside workflows, where the clock belongs to the workflow.
 */
export function checkIdNumber(value: string, today?: string): IdNumberCheck {
  if (today !== undefined && !isValidDate(today)) {
    throw new RangeError(`today must be a YYYY-MM-DD date, got "${today}"`);
  }
  const id = normaliseIdNumber(value);
  if (id.length !== 18) {
    return { ok: false, reason: `${SHAPE_RULE}, got ${id.length} characters` };
  }
  if (!SHAPE.test(id)) {
    const at = [...id].findIndex((c, i) => !(/\d/.test(c) || (i === 17 && c === 'X')));
    return { ok: false, reason: `${SHAPE_RULE}; character ${at + 1} is "${id[at] ?? ''}"` };
  }

  const compact = id.slice(6, 14);
  const birthDate = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
  if (!isValidDate(birthDate)) {
    return { ok: false, reason: `birth date ${compact} is not a real date` };
  }
  if (compareDates(birthDate, '1900-01-01') < 0) {
    return { ok: false, reason: `birth date ${compact} is before 1900` };
  }
  if (today !== undefined && compareDates(birthDate, today) > 0) {
    return { ok: false, reason: `birth date ${compact} is in the future (today is ${today})` };
  }

  const expected = computeCheckDigit(id.slice(0, 17));
  const actual = id[17]!;
  if (actual !== expected) {
    return {
      ok: false,
      reason: `check digit is ${actual} but the first 17 digits require ${expected} (GB 11643 MOD 11-2)`,
    };
  }

  return {
    ok: true,
    birthDate,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    divisionCode: id.slice(0, 6),
  };
}

/**
 * For logs, lists and audit trails: keeps the division code and the last four characters
 * (what staff read out to confirm a person) and hides the birth date. Anything too short to
 * mask that way is hidden entirely rather than partly revealed.
 */
export function maskIdNumber(value: string): string {
  const id = normaliseIdNumber(value);
  if (id.length <= 10) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}
