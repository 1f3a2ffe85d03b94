// Password hashing: argon2id through @node-rs/argon2 (Rust, prebuilt for each platform, run off
// the event loop on libuv's thread pool).
//
// Parameters: OWASP Password Storage Cheat Sheet, section "Argon2id"
// (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html): "Use
// Argon2id with a minimum configuration of 19 MiB of memory, an iteration count of 2, and 1 degree
// of parallelism" (m=19456 KiB, t=2, p=1), with the package's 16-byte random salt and a 32-byte
// hash. On the shared 2-core development machine one verification took 27 ms (p50) when it was
// quiet and 47.5 ms under other engineers' load (`BENCH_ONLY=signin npm run bench`, README "Sign
// in"); 19 MiB per sign-in in flight. When these parameters are raised, a sign-in that proves a
// password stored under older ones stores it again under the new ones (needsRehash).
import { hash, parseOptions, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id`: the package declares its enum `const`, which a per-file transpiler cannot inline. */
const ARGON2ID = 2;

export const ARGON2_PARAMETERS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMETERS);
}

let dummyHash: Promise<string> | null = null;

/**
 * A hash of a random password that nobody knows, made once per process with the same parameters:
 * a sign-in for an unknown username, or an account without a password, is checked against it, so
 * that it takes as long as a real check and the time does not tell which usernames exist.
 */
function dummy(): Promise<string> {
  return (dummyHash ??= hashPassword(crypto.randomUUID()));
}

/**
 * Whether the password is the one stored. With no stored hash the check runs against the dummy
 * and fails. A stored value that is not an argon2 hash fails too (as a mismatch, not an error).
 */
export async function checkPassword(stored: string | null, password: string): Promise<boolean> {
  const against = stored ?? (await dummy());
  let matches: boolean;
  try {
    matches = await verify(against, password);
  } catch {
    matches = false;
  }
  return matches && stored !== null;
}

/** True when the stored hash was made with other parameters than today's. */
export function needsRehash(stored: string): boolean {
  try {
    const o = parseOptions(stored);
    return (
      (o.algorithm as number) !== ARGON2_PARAMETERS.algorithm ||
      o.memoryCost !== ARGON2_PARAMETERS.memoryCost ||
      o.timeCost !== ARGON2_PARAMETERS.timeCost ||
      o.parallelism !== ARGON2_PARAMETERS.parallelism ||
      o.outputLen !== ARGON2_PARAMETERS.outputLen
    );
  } catch {
    return true;
  }
}

/** Warms the dummy hash, so the first unknown-username sign-in is not the slow one. */
export async function preparePasswordChecks(): Promise<void> {
  await dummy();
}
