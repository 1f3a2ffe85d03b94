// Credentials for the fuzzer: valid tokens of every role in and out of the cases' jurisdiction,
// and Authorization headers that must never authenticate (forged, expired, unsigned, alg=none,
// claims out of range, wrong scheme, garbage).
import { createHmac } from 'node:crypto';
import type { Principal } from '../../../../domain/access.js';
import { auditor, civilAffairs, department, finance, institution } from '../../../support/fixtures.js';
import { TEST_JWT_SECRET } from '../../../support/testEnv.js';
import type { Tokens } from './requests.js';

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

export function hs256(
  claims: Record<string, unknown>,
  secret = TEST_JWT_SECRET,
  header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' },
): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

export const OTHER_DIVISION = '150202';

export function fuzzTokens(valid: (p: Principal) => string): Tokens {
  const now = Math.floor(Date.now() / 1000);
  const ca = { ...civilAffairs(), iat: now, exp: now + 3600 };
  const principals: Principal[] = [
    institution(),
    institution('inst-baotou-1', OTHER_DIVISION),
    civilAffairs(),
    civilAffairs('150100'),
    civilAffairs(OTHER_DIVISION),
    finance(),
    finance(OTHER_DIVISION),
    department('public_security'),
    department('hrss', OTHER_DIVISION),
    auditor(),
    auditor('150200'),
    { sub: 'admin-1', role: 'admin', org: 'admin', division: '150000' },
  ];
  const attacks = [
    '',
    'Bearer',
    'Bearer ',
    'Bearer not-a-token',
    `Bearer ${hs256(ca, 'another-secret-that-is-long-enough-for-hs256')}`,
    `Bearer ${hs256({ ...ca, iat: now - 7200, exp: now - 3600 })}`,
    `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(ca)}.`,
    `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(ca)}`,
    `Bearer ${hs256(ca, TEST_JWT_SECRET, { alg: 'HS512', typ: 'JWT' })}`,
    `Bearer ${hs256({ ...ca, role: 'root' })}`,
    `Bearer ${hs256({ ...ca, division: '110000' })}`,
    `Bearer ${hs256({ ...ca, sub: '' })}`,
    `Bearer ${hs256({ role: 'admin', org: 'x', division: '150000', exp: now + 3600 })}`,
    `Bearer ${hs256(ca).slice(0, -3)}abc`,
    `Basic ${Buffer.from('admin:admin').toString('base64')}`,
    `Bearer ${'a'.repeat(8000)}`,
    `bearer ${hs256({ ...ca, exp: 'never' })}`,
  ];
  return { principals, valid, attacks };
}
