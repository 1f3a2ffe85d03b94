// 7. Sign-in: POST /auth/login over HTTP, 50 sequential sign-ins with the right password, against
// one argon2id verification of the same password in this process (the cost the parameters set on
// purpose). Also the refusals, interleaved: an unknown username against a wrong password, whose
// times must be alike so that the time does not tell which usernames exist.
import { hashPassword } from '../api/services/passwords.js';
import { SYSTEM_PRINCIPAL } from '../domain/access.js';
import { createAccount } from '../api/services/accounts.js';
import { verify } from '@node-rs/argon2';
import type { Indexes } from './support/indexes.js';
import { type Figure, figure, log } from './support/report.js';
import type { BenchServices } from './support/services.js';

const PASSWORD = 'Bench-sign-in-2027!';
/** Wrong passwords per account: fewer than the 5 that lock it. */
const GUESSES_PER_ACCOUNT = 4;

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function benchSignIn(
  s: BenchServices,
  scale: number,
  _ids: Indexes,
): Promise<{ figures: Figure[]; notes: string[] }> {
  const n = Math.max(10, Math.round(50 * scale));
  const accounts = Math.ceil(n / GUESSES_PER_ACCOUNT);
  for (let i = 0; i < accounts; i++)
    await createAccount(
      s.db,
      { username: `bench.user.${i}`, displayName: '测试', role: 'institution', org: 'inst-bench', division: '150102' },
      { password: PASSWORD, mustChange: false },
      SYSTEM_PRINCIPAL,
    );
  const hash = await hashPassword(PASSWORD);
  const post = (username: string, password: string, expect: number) => async () => {
    const res = await fetch(`${s.baseUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    await res.arrayBuffer();
    if (res.status !== expect) throw new Error(`sign-in answered ${res.status}, expected ${expect}`);
  };

  const signIns: number[] = [];
  const verifications: number[] = [];
  const wrong: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < n; i++) {
    verifications.push(await timed(() => verify(hash, PASSWORD)));
    signIns.push(await timed(post(`bench.user.${i % accounts}`, PASSWORD, 200)));
    wrong.push(await timed(post(`bench.user.${i % accounts}`, `Wrong-${i}-password!`, 401)));
    unknown.push(await timed(post(`bench.nobody.${i}`, `Wrong-${i}-password!`, 401)));
  }
  const round = (x: number) => Math.round(x * 10) / 10;
  log(
    `sign-in p50 ${round(p50(signIns))} ms, argon2id verify p50 ${round(p50(verifications))} ms, wrong password ${round(p50(wrong))} ms, unknown username ${round(p50(unknown))} ms`,
  );
  return {
    figures: [
      figure({
        name: `sign-in, POST /auth/login with the right password, p50 of ${n} sequential`,
        value: round(p50(signIns)),
        unit: 'ms',
        baseline: 'one argon2id verification (m=19456, t=2, p=1) in process, p50',
        baselineValue: round(p50(verifications)),
      }),
      figure({
        name: 'sign-in refused for an unknown username (checked against the dummy hash), p50',
        value: round(p50(unknown)),
        unit: 'ms',
        baseline: 'sign-in refused for a wrong password, p50',
        baselineValue: round(p50(wrong)),
        target: { op: '>=', value: 0.8 },
      }),
    ],
    notes: [
      `sign-in: ${n} sign-ins interleaved with as many verifications, wrong passwords (${GUESSES_PER_ACCOUNT} per account, under the lockout) and unknown usernames.`,
    ],
  };
}
