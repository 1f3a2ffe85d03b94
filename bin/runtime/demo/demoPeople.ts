// Synthetic youths for the demo: names that say they are not people (演示一, 演示二, ...), resident ID
// numbers that pass GB 11643 (the real check digit over a made-up sequence 9xx), birth dates set so
// the 18th birthday falls where the scenario needs it, and bank accounts of a bank that does not
// exist. An account number starting 0000 is one the fake bank refuses ("account does not exist").
import { computeCheckDigit } from '../../../domain/idNumber.js';
import { addDays, addMonths } from '../../../domain/shanghaiDates.js';
import type { DisabilityCategory, DisabilityGrade, HukouType } from '../../../domain/vocabulary.js';

const DIGITS = '〇一二三四五六七八九';

/** 1 → 一, 10 → 十, 23 → 二十三 (the demo has fewer than a hundred youths). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`1 to 99, got ${n}`);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`}${ones === 0 ? '' : DIGITS[ones]}`;
}

export const demoName = (n: number): string => `演示${chineseNumeral(n)}`;

/** The birth date whose 18th birthday is `days` after `today` (before it when negative). */
export function birthDateForAdulthoodIn(today: string, days: number): string {
  return addMonths(addDays(today, days), -18 * 12);
}

/** A valid ID number issued in `division`, sequence 900 + n (odd: male, even: female). */
export function demoIdNumber(division: string, birthDate: string, n: number): string {
  const first17 = `${division}${birthDate.replace(/-/g, '')}${String(900 + (n % 100)).padStart(3, '0')}`;
  return first17 + computeCheckDigit(first17);
}

export type AccountKind = 'valid' | 'refused' | 'none';

export function demoBankAccount(kind: AccountKind, n: number, holder: string) {
  if (kind === 'none') return undefined;
  const serial = String(n).padStart(4, '0');
  return {
    bank: '演示银行',
    accountNo: kind === 'refused' ? `000000000000${serial}` : `622200000000${serial}`,
    holder,
  };
}

export interface DemoPersonFacts {
  hukouType: HukouType;
  disability?: { category: DisabilityCategory; grade: DisabilityGrade };
  account: AccountKind;
}

export function demoPerson(n: number, division: string, today: string, adulthoodInDays: number, f: DemoPersonFacts) {
  const name = demoName(n);
  const birthDate = birthDateForAdulthoodIn(today, adulthoodInDays);
  const bankAccount = demoBankAccount(f.account, n, name);
  return {
    name,
    idNumber: demoIdNumber(division, birthDate, n),
    hukouType: f.hukouType,
    ...(f.disability ? { disability: f.disability } : {}),
    ...(bankAccount ? { bankAccount } : {}),
  };
}
