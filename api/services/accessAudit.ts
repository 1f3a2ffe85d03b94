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
//
// The actor is the person when one is signed in; what happens before anyone is (a failed sign-in,
// whoever tried) or by itself (a session found lapsed, the first start) is SYSTEM_PRINCIPAL's.
import { randomUUID } from 'node:crypto';
import { appendAuditEvent } from '../../db/repositories/audit.js';
import type { Db } from '../../db/database.js';
import type { Principal } from '../../domain/access.js';
import type { AccessEventType } from '../../domain/eventTypes.js';

export const ACCESS_CHAIN = 'access';
const REGION = '150000';

export async function recordAccess(
  db: Db,
  action: AccessEventType,
  actor: Principal,
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
