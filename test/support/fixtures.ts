// Test data: valid resident ID numbers built with the real check digit, bodies and principals.
import type { Principal } from '../../domain/access.js';
import { computeCheckDigit } from '../../domain/idNumber.js';
import { addDays, shanghaiDateOf } from '../../domain/shanghaiDates.js';

let serial = 0;

/** A valid 18-digit ID number for a birth date; every call gives a new one. */
export function idNumberFor(birthDate: string, division = '150102'): string {
  serial = (serial + 1) % 999;
  const seq = String(Math.floor(Math.random() * 900) + serial).padStart(3, '0').slice(-3);
  const first17 = `${division}${birthDate.replace(/-/g, '')}${seq}`;
  return first17 + computeCheckDigit(first17);
}

/** A birth date that makes the youth `years` old today plus `days` (Asia/Shanghai). */
export function birthDateAged(years: number, days = 0): string {
  const today = shanghaiDateOf(new Date());
  const [y, m, d] = today.split('-');
  const base = `${Number(y) - years}-${m}-${d === '29' && m === '02' ? '28' : d}`;
  return addDays(base, -days);
}

export const institution = (org = 'inst-hohhot-1', division = '150102'): Principal => ({ sub: `user-${org}`, role: 'institution', org, division });
export const civilAffairs = (division = '150102'): Principal => ({ sub: `ca-${division}`, role: 'civil_affairs', org: 'civil_affairs', division });
export const finance = (division = '150102'): Principal => ({ sub: `fin-${division}`, role: 'finance', org: 'finance', division });
export const department = (org: string, division = '150102'): Principal => ({ sub: `dept-${org}-${division}`, role: 'department', org, division });
export const auditor = (division = '150100'): Principal => ({ sub: `aud-${division}`, role: 'auditor', org: 'audit', division });

export function registrationBody(overrides: { birthDate?: string; division?: string; person?: Record<string, unknown> } = {}) {
  const birthDate = overrides.birthDate ?? birthDateAged(18, 30);
  return {
    person: {
      name: '测试青年',
      idNumber: idNumberFor(birthDate),
      hukouType: 'urban',
      bankAccount: { bank: '中国农业银行', accountNo: '6228480012345678', holder: '测试青年' },
      ...overrides.person,
    },
    division: overrides.division ?? '150102',
  };
}
