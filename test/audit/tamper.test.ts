// Tampering with a case's audit chain, the way only someone who owns the tables can, is named by
// verification: which event, and whether it was altered, deleted, inserted or reordered; a chain
// rewritten consistently (every hash recomputed) is caught by the signed anchor taken before.
// Over 250 lines: every kind of tampering runs on its own case, all prepared together in
// beforeAll through real workflows, which a split file would have to prepare again.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createAnchorActivities, readLatestAnchors } from '../../activities/auditAnchors.js';
import { hashEvent } from '../../db/repositories/audit.js';
import { verifyChain } from '../../db/repositories/auditVerify.js';
import { auditor } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';
import { caseWithEvents, rehash, tamper } from './helpers.js';

const run = promisify(execFile);
const anchorFile = join(mkdtempSync(join(tmpdir(), 'audit-tamper-')), 'anchors.ndjson');
const anchorKey = 'tamper-test-anchor-key-of-at-least-32-characters';

let env: TestEnv;
const cases: Record<string, string> = {};
const kinds = [
  'untouched',
  'altered',
  'rehashedOne',
  'deleted',
  'deletedTail',
  'inserted',
  'forgedTail',
  'reordered',
  'rewritten',
] as const;
let length = 0;

beforeAll(async () => {
  env = await createTestEnv();
  const ids = await Promise.all(kinds.map(() => caseWithEvents(env)));
  kinds.forEach((k, i) => (cases[k] = ids[i]!));
  const counts = await Promise.all(ids.map((id) => verifyChain(env.db, id)));
  length = Math.min(...counts.map((c) => c.events));
});
afterAll(async () => env?.close());

const rowsOf = (chainId: string) =>
  env.db.selectFrom('audit_events').selectAll().where('chain_id', '=', chainId).orderBy('seq').execute();

async function verifyCommand(): Promise<{ code: number; out: string }> {
  const { current } = (await sql<{ current: string }>`SELECT current_database() AS current`.execute(env.db)).rows[0]!;
  const url = new URL(inject('adminDatabaseUrl'));
  url.pathname = `/${current}`;
  try {
    const { stdout } = await run('node_modules/.bin/tsx', ['bin/verify-audit.ts', '--division', '150100'], {
      env: { ...process.env, DATABASE_URL: url.toString(), AUDIT_ANCHOR_FILE: anchorFile, AUDIT_ANCHOR_KEY: anchorKey },
    });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('tamper evidence', () => {
  it('finds every chain intact before anyone tampers, and anchors them', async () => {
    expect(length).toBeGreaterThanOrEqual(5);
    for (const id of Object.values(cases))
      expect(await verifyChain(env.db, id)).toMatchObject({ valid: true, brokenAt: null });
    const anchored = await createAnchorActivities({ db: env.db, anchorFile, anchorKey }).anchorChainHeads();
    expect(anchored).toBe(kinds.length);
    const { code, out } = await verifyCommand();
    expect(out).toContain(`150100: ${kinds.length} chains`);
    expect(out).toContain('0 broken');
    expect(code).toBe(0);
  });

  it('names an event whose data was changed as altered', async () => {
    const id = cases.altered!;
    await tamper(env, (trx) =>
      trx
        .updateTable('audit_events')
        .set({ data: JSON.stringify({ forged: true }) })
        .where('chain_id', '=', id)
        .where('seq', '=', 2)
        .execute(),
    );
    expect(await verifyChain(env.db, id)).toMatchObject({ valid: false, brokenAt: { seq: 2, reason: 'altered' } });
  });

  it('names an event changed and given a fresh hash as altered, because the next event still links to the old one', async () => {
    const id = cases.rehashedOne!;
    await tamper(env, async (trx) => {
      const [r] = await trx
        .selectFrom('audit_events')
        .selectAll()
        .where('chain_id', '=', id)
        .where('seq', '=', 3)
        .execute();
      const data = { ...r!.data, note: 'forged' };
      const hash = hashEvent({
        chainId: id,
        seq: 3,
        at: r!.at.toISOString(),
        actor: r!.actor,
        action: r!.action,
        data,
        workflowId: r!.workflow_id,
        runId: r!.run_id,
        prevHash: r!.prev_hash,
      });
      await trx
        .updateTable('audit_events')
        .set({ data: JSON.stringify(data), hash })
        .where('chain_id', '=', id)
        .where('seq', '=', 3)
        .execute();
    });
    expect(await verifyChain(env.db, id)).toMatchObject({ valid: false, brokenAt: { seq: 3, reason: 'altered' } });
  });

  it('names a deleted middle event as deleted at its seq', async () => {
    const id = cases.deleted!;
    await tamper(env, (trx) =>
      trx.deleteFrom('audit_events').where('chain_id', '=', id).where('seq', '=', 3).execute(),
    );
    expect(await verifyChain(env.db, id)).toMatchObject({
      valid: false,
      events: length - 1,
      brokenAt: { seq: 3, reason: 'deleted' },
    });
  });

  it('names a deleted last event as deleted, from the chain head', async () => {
    const id = cases.deletedTail!;
    const last = (await rowsOf(id)).length;
    await tamper(env, (trx) =>
      trx.deleteFrom('audit_events').where('chain_id', '=', id).where('seq', '=', last).execute(),
    );
    expect(await verifyChain(env.db, id)).toMatchObject({ valid: false, brokenAt: { seq: last, reason: 'deleted' } });
  });

  it('names a forged event slipped into the middle (later events renumbered) as inserted', async () => {
    const id = cases.inserted!;
    await tamper(env, async (trx) => {
      const rows = await trx.selectFrom('audit_events').selectAll().where('chain_id', '=', id).orderBy('seq').execute();
      // Two steps, so the primary key never sees two events at one seq.
      await sql`UPDATE audit_events SET seq = seq + 100000 WHERE chain_id = ${id} AND seq >= 3`.execute(trx);
      await sql`UPDATE audit_events SET seq = seq - 99999 WHERE chain_id = ${id} AND seq > 100000`.execute(trx);
      const forged = {
        at: rows[1]!.at.toISOString(),
        actor: auditor(),
        action: 'stage.changed',
        data: { from: 'assessment', to: 'placed' },
        workflowId: null,
        runId: null,
      };
      const hash = hashEvent({ chainId: id, seq: 3, ...forged, prevHash: rows[1]!.hash });
      await trx
        .insertInto('audit_events')
        .values({
          chain_id: id,
          seq: 3,
          event_key: 'forged',
          at: forged.at,
          actor: JSON.stringify(forged.actor),
          action: forged.action,
          data: JSON.stringify(forged.data),
          workflow_id: null,
          run_id: null,
          prev_hash: rows[1]!.hash,
          hash,
        })
        .execute();
    });
    expect(await verifyChain(env.db, id)).toMatchObject({
      valid: false,
      events: length + 1,
      brokenAt: { seq: 3, reason: 'inserted' },
    });
  });

  it('names a forged event appended after the last as inserted, even when it links correctly', async () => {
    const id = cases.forgedTail!;
    const rows = await rowsOf(id);
    const last = rows[rows.length - 1]!;
    const forged = {
      chainId: id,
      seq: last.seq + 1,
      at: new Date().toISOString(),
      actor: auditor(),
      action: 'case.closed',
      data: {},
      workflowId: null,
      runId: null,
      prevHash: last.hash,
    };
    await tamper(env, (trx) =>
      trx
        .insertInto('audit_events')
        .values({
          chain_id: id,
          seq: forged.seq,
          event_key: 'forged',
          at: forged.at,
          actor: JSON.stringify(forged.actor),
          action: forged.action,
          data: '{}',
          workflow_id: null,
          run_id: null,
          prev_hash: last.hash,
          hash: hashEvent(forged),
        })
        .execute(),
    );
    expect(await verifyChain(env.db, id)).toMatchObject({
      valid: false,
      brokenAt: { seq: last.seq + 1, reason: 'inserted' },
    });
  });

  it('names two events whose seq were swapped as reordered', async () => {
    const id = cases.reordered!;
    await tamper(env, async (trx) => {
      await sql`UPDATE audit_events SET seq = 100000 WHERE chain_id = ${id} AND seq = 2`.execute(trx);
      await sql`UPDATE audit_events SET seq = 2 WHERE chain_id = ${id} AND seq = 3`.execute(trx);
      await sql`UPDATE audit_events SET seq = 3 WHERE chain_id = ${id} AND seq = 100000`.execute(trx);
    });
    expect(await verifyChain(env.db, id)).toMatchObject({
      valid: false,
      events: length,
      brokenAt: { seq: 2, reason: 'reordered' },
    });
  });

  it('catches a chain rewritten consistently only through the anchor taken before', async () => {
    const id = cases.rewritten!;
    await tamper(env, async (trx) => {
      await trx
        .updateTable('audit_events')
        .set({ data: JSON.stringify({ decision: 'forged' }) })
        .where('chain_id', '=', id)
        .where('seq', '=', 2)
        .execute();
      await rehash(trx, id, 2);
    });
    // Every hash and link holds, and so does the head: only the anchor outside the database knows.
    expect(await verifyChain(env.db, id)).toEqual({ valid: true, events: length, brokenAt: null });
    const { anchors } = await readLatestAnchors(anchorFile, anchorKey);
    const anchor = anchors.get(id)!;
    expect(await verifyChain(env.db, id, anchor)).toMatchObject({
      valid: false,
      brokenAt: { seq: anchor.seq, reason: 'anchor_mismatch' },
    });
  });

  it('npm run audit:verify lists each broken chain of the jurisdiction and exits 1', async () => {
    const { code, out } = await verifyCommand();
    const brokenLines = out.split('\n').filter((l) => l.includes(': broken at seq'));
    expect(brokenLines).toHaveLength(kinds.length - 1);
    expect(out).not.toContain(cases.untouched!);
    expect(out).toContain(`${cases.reordered}: broken at seq 2, reordered`);
    expect(out).toContain(`${cases.rewritten}: broken at seq ${length}, anchor_mismatch`);
    expect(out).toContain(`${kinds.length - 1} broken`);
    expect(code).toBe(1);
  });
});
