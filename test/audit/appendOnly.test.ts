// The database keeps the audit trail append-only: the application's role may only append, the
// owner is stopped by triggers, a retried append writes once, and concurrent appends stay linear.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.js';
import { type AuditEventInput, appendAuditEvent } from '../../db/repositories/audit.js';
import { verifyChain } from '../../db/repositories/auditVerify.js';
import { auditor } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

const event = (chainId: string, eventKey: string): AuditEventInput => ({
  chainId,
  eventKey,
  at: new Date().toISOString(),
  actor: auditor(),
  action: 'stage.changed',
  data: { eventKey },
  workflowId: null,
  runId: null,
  division: '150102',
});

/** Runs one statement as the application's role (SET LOCAL ROLE ends with the transaction). */
async function asApp(db: Db, statement: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL ROLE resettlement_app`.execute(trx);
    await sql.raw(statement).execute(trx);
  });
}

describe('append-only audit tables', () => {
  const chain = 'chain-append-only';
  beforeAll(async () => {
    for (const key of ['a', 'b', 'c'])
      await env.db.transaction().execute((trx) => appendAuditEvent(trx, event(chain, key)));
  });

  it('lets the application role append, and refuses it UPDATE, DELETE and TRUNCATE', async () => {
    await env.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL ROLE resettlement_app`.execute(trx);
      await appendAuditEvent(trx, event(chain, 'by-app'));
    });
    for (const statement of [
      `UPDATE audit_events SET action = 'forged' WHERE chain_id = '${chain}'`,
      `DELETE FROM audit_events WHERE chain_id = '${chain}'`,
      'TRUNCATE audit_events',
      `DELETE FROM audit_heads WHERE chain_id = '${chain}'`,
      'TRUNCATE audit_heads',
    ]) {
      await expect(asApp(env.db, statement), statement).rejects.toThrow(
        /permission denied for table audit_(events|heads)/,
      );
    }
    // The rest of the schema stays the application's to work with.
    await asApp(env.db, `UPDATE cases SET updated_at = now() WHERE false`);
  });

  it('stops even the owner with the trigger', async () => {
    for (const [statement, op] of [
      [`UPDATE audit_events SET action = 'forged' WHERE chain_id = '${chain}'`, 'UPDATE on audit_events'],
      [`DELETE FROM audit_events WHERE chain_id = '${chain}' AND seq = 2`, 'DELETE on audit_events'],
      ['TRUNCATE audit_events', 'TRUNCATE on audit_events'],
      [`DELETE FROM audit_heads WHERE chain_id = '${chain}'`, 'DELETE on audit_heads'],
      ['TRUNCATE audit_heads', 'TRUNCATE on audit_heads'],
    ] as const) {
      await expect(sql.raw(statement).execute(env.db), statement).rejects.toThrow(
        `the audit trail is append-only: ${op} is refused`,
      );
    }
    await expect(sql`UPDATE audit_heads SET seq = 1 WHERE chain_id = ${chain}`.execute(env.db)).rejects.toThrow(
      /a chain head only moves forward/,
    );
    const result = await verifyChain(env.db, chain);
    expect(result).toEqual({ valid: true, events: 4, brokenAt: null });
  });
});

describe('appending', () => {
  it('writes a retried event once and answers with the same seq', async () => {
    const chain = 'chain-retry';
    const first = await env.db.transaction().execute((trx) => appendAuditEvent(trx, event(chain, 'wf:1')));
    const retried = await env.db.transaction().execute((trx) => appendAuditEvent(trx, event(chain, 'wf:1')));
    const racing = await Promise.all(
      [1, 2, 3].map(() => env.db.transaction().execute((trx) => appendAuditEvent(trx, event(chain, 'wf:2')))),
    );
    expect(first).toBe(1);
    expect(retried).toBe(1);
    expect(racing).toEqual([2, 2, 2]);
    const rows = await env.db
      .selectFrom('audit_events')
      .select(['seq', 'event_key'])
      .where('chain_id', '=', chain)
      .orderBy('seq')
      .execute();
    expect(rows).toEqual([
      { seq: 1, event_key: 'wf:1' },
      { seq: 2, event_key: 'wf:2' },
    ]);
  });

  it('keeps 50 concurrent appends on one chain linked 1..50, alone or inside a transaction', async () => {
    const chain = 'chain-concurrent';
    const append = (i: number) =>
      i % 2 === 0
        ? appendAuditEvent(env.db, event(chain, `k${i}`))
        : env.db.transaction().execute((trx) => appendAuditEvent(trx, event(chain, `k${i}`)));
    const seqs = await Promise.all(Array.from({ length: 50 }, (_, i) => append(i)));
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const rows = await env.db
      .selectFrom('audit_events')
      .select(['seq', 'prev_hash', 'hash'])
      .where('chain_id', '=', chain)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    rows.slice(1).forEach((r, i) => expect(r.prev_hash).toBe(rows[i]!.hash));
    expect(await verifyChain(env.db, chain)).toEqual({ valid: true, events: 50, brokenAt: null });
    const head = await env.db
      .selectFrom('audit_heads')
      .select(['seq', 'hash'])
      .where('chain_id', '=', chain)
      .executeTakeFirstOrThrow();
    expect(head).toEqual({ seq: 50, hash: rows[49]!.hash });
  });
});
