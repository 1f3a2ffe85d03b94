// Test data: valid resident ID numbers built with the real check digit, bodies and principals.
import { ROSTER_COLUMNS } from '../../api/services/rosterRows.js';
import type { Principal } from '../../domain/access.js';
import { computeCheckDigit } from '../../domain/idNumber.js';
import { addDays, shanghaiDateOf } from '../../domain/shanghaiDates.js';

/** One counter for every generated ID number of this process (a test file), so none repeats. */
let serial = 0;
const ISSUING_DIVISIONS = ['150102', '150103', '150104', '150105', '150121', '150122', '150123', '150124', '150125'];

/**
 * A valid 18-digit ID number for a birth date; no two calls in a test file give the same one
 * (the sequence part counts up, the issuing division moves on every thousand).
 */
export function idNumberFor(birthDate: string, division?: string): string {
  const n = serial++;
  const issuer = division ?? ISSUING_DIVISIONS[Math.floor(n / 1000) % ISSUING_DIVISIONS.length]!;
  const first17 = `${issuer}${birthDate.replace(/-/g, '')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + computeCheckDigit(first17);
}

/** A birth date that makes the youth `years` old today plus `days` (Asia/Shanghai). */
export function birthDateAged(years: number, days = 0): string {
  const today = shanghaiDateOf(new Date());
  const [y, m, d] = today.split('-');
  const base = `${Number(y) - years}-${m}-${d === '29' && m === '02' ? '28' : d}`;
  return addDays(base, -days);
}

export const institution = (org = 'inst-hohhot-1', division = '150102'): Principal => ({
  sub: `user-${org}`,
  role: 'institution',
  org,
  division,
});
export const civilAffairs = (division = '150102'): Principal => ({
  sub: `ca-${division}`,
  role: 'civil_affairs',
  org: 'civil_affairs',
  division,
});
export const finance = (division = '150102'): Principal => ({
  sub: `fin-${division}`,
  role: 'finance',
  org: 'finance',
  division,
});
export const department = (org: string, division = '150102'): Principal => ({
  sub: `dept-${org}-${division}`,
  role: 'department',
  org,
  division,
});
export const auditor = (division = '150100'): Principal => ({
  sub: `aud-${division}`,
  role: 'auditor',
  org: 'audit',
  division,
});

export function registrationBody(
  overrides: { birthDate?: string; division?: string; person?: Record<string, unknown> } = {},
) {
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

export const admin = (division = '150000'): Principal => ({
  sub: `admin-${division}`,
  role: 'admin',
  org: 'operations',
  division,
});

/** An effective subsidy standard written straight into the table, for cases that need a quote. */
export function effectiveStandard(division: string, amountFen: number, effectiveFrom = '2020-01-01') {
  return {
    standard_id: crypto.randomUUID(),
    division_code: division,
    amount_fen: amountFen,
    effective_from: effectiveFrom,
    basis: 'test standard',
    status: 'effective' as const,
    proposed_by: JSON.stringify(civilAffairs(division)),
    cosigned_by: JSON.stringify(finance(division)),
    cosigned_at: new Date(),
  };
}

/** The roster's columns, as the import reads them. */
export const ROSTER_HEADER = ROSTER_COLUMNS;

/** A CSV roster with every column; a row gives the cells it needs, the rest stay empty. */
export function rosterCsv(
  rows: ReadonlyArray<Partial<Record<(typeof ROSTER_HEADER)[number], string>>>,
  options: { bom?: boolean } = {},
): string {
  const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [ROSTER_HEADER.join(','), ...rows.map((r) => ROSTER_HEADER.map((c) => quote(r[c] ?? '')).join(','))];
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

/** A valid ID number never handed out before in this process: born `years` and `days` (or a few more) ago. */
export function uniqueIdNumber(years = 18, division = '150102', days = 200): string {
  const n = serial++;
  const first17 = `${division}${birthDateAged(years, days + Math.floor(n / 1000)).replace(/-/g, '')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + computeCheckDigit(first17);
}

/** A registration body with an ID number no other call gave. */
export function uniqueRegistration(division = '150102', person: Record<string, unknown> = {}) {
  return registrationBody({ division, person: { idNumber: uniqueIdNumber(), ...person } });
}

/** A roster row for a valid adult youth in the division. */
export function rosterRow(
  division = '150102',
  overrides: Partial<Record<(typeof ROSTER_HEADER)[number], string>> = {},
) {
  return { name: '名册青年', idNumber: uniqueIdNumber(18, division), hukouType: 'rural', division, ...overrides };
}

/** Every route of the API contract (/work/shared/API.md), as method and OpenAPI path. */
export const API_ROUTES = [
  'POST /v1/cases',
  'POST /v1/cases/import',
  'GET /v1/cases',
  'POST /v1/cases/search',
  'GET /v1/cases/{caseId}',
  'POST /v1/cases/{caseId}/assessment',
  'POST /v1/cases/{caseId}/proposal',
  'POST /v1/cases/{caseId}/review',
  'POST /v1/cases/{caseId}/disbursement/approve',
  'POST /v1/cases/{caseId}/disbursement/confirm',
  'PATCH /v1/cases/{caseId}',
  'POST /v1/cases/{caseId}/withdraw',
  'GET /v1/tasks',
  'GET /v1/tasks/{taskId}',
  'POST /v1/tasks/{taskId}/complete',
  'POST /v1/tasks/{taskId}/block',
  'GET /v1/cases/{caseId}/history',
  'GET /v1/cases/{caseId}/history/verify',
  'GET /v1/audit/export',
  'GET /v1/subsidy-standards',
  'POST /v1/subsidy-standards',
  'POST /v1/subsidy-standards/{id}/cosign',
  'GET /v1/reports/summary',
  'GET /v1/policies',
  'GET /healthz',
  'GET /readyz',
  'POST /auth/login',
  'POST /auth/logout',
  'POST /auth/password',
  'GET /v1/me',
  'GET /v1/users',
  'POST /v1/users',
  'PATCH /v1/users/{userId}',
  'POST /v1/users/{userId}/reset-password',
  'GET /v1/notifications',
  'POST /v1/notifications/read',
  'GET /v1/me/preferences',
  'PATCH /v1/me/preferences',
  'GET /v1/webhooks',
  'POST /v1/webhooks',
  'GET /v1/webhooks/{id}/deliveries',
  'DELETE /v1/webhooks/{id}',
] as const;
export type ApiRoute = (typeof API_ROUTES)[number];
