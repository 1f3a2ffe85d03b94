// The `access` audit chain: sign-ins, failures, lockouts, sign-outs, password changes, ends of
// sessions and changes to accounts, hash-linked like every other chain (db/repositories/audit.ts)
// and verified the same way (`npm run audit:verify -- --division 150000`, the anchor file). One
// chain for the whole region, at its top division, so that the regional auditor exports and
// verifies it with the rest.
//
// What an event may carry: user ids, session ids (the public handle, never the cookie's secret),
// the address, reasons and counts. Never a password, a hash, a session secret or a CSRF token, and
// no username that belongs to no account: a failed sign-in for an unknown username records only
// that the username was unknown, since people type their password into the username field.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAuditEvent } from '../../db/repositories/audit.js';
import type { Actor, Database } from '../../db/schema.js';
import type { Principal } from '../../domain/access.js';

export const ACCESS_CHAIN = 'access';
const REGION = '150000';

/** The actor of what happens before anyone is signed in. */
export const ANONYMOUS: Actor = { sub: 'anonymous', role: 'system', org: 'sign-in', division: REGION };
/** The actor of what the system does by itself: the first start, a lapsed session. */
export const SYSTEM: Actor = { sub: 'system', role: 'system', org: 'system', division: REGION };

export type AccessAction =
  | 'access.signed_in'
  | 'access.sign_in_failed'
  | 'access.locked_out'
  | 'access.signed_out'
  | 'access.session_ended'
  | 'access.password_changed'
  | 'access.user_created'
  | 'access.user_disabled'
  | 'access.user_enabled';

export async function recordAccess(
  db: Kysely<Database>,
  action: AccessAction,
  actor: Actor | Principal,
  data: Record<string, unknown>,
): Promise<void> {
  await appendAuditEvent(db, {
    chainId: ACCESS_CHAIN,
    eventKey: randomUUID(),
    at: new Date().toISOString(),
    actor: { sub: actor.sub, role: actor.role, org: actor.org, division: actor.division },
    action,
    data,
    workflowId: null,
    runId: null,
    division: REGION,
  });
}
