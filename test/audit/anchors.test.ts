// The signed anchor file: heads that moved are anchored once, a retry after a crash anchors only
// what is missing, a line with a forged signature is not trusted, and the anchoring workflow runs
// the activity on its interval.
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnchorActivities, readLatestAnchors } from '../../activities/auditAnchors.js';
import { appendAuditEvent } from '../../db/repositories/audit.js';
import type { auditAnchorWorkflow } from '../../workflows/audit/anchorWorkflow.js';
import { auditor } from '../support/fixtures.js';
import { eventually } from '../support/caseApi.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

const dir = mkdtempSync(join(tmpdir(), 'audit-anchors-'));
const key = 'anchor-test-key-that-is-at-least-32-characters';
let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ anchor: { file: join(dir, 'worker-anchors.ndjson'), key } });
});
afterAll(async () => env?.close());

let serial = 0;
async function append(chainId: string): Promise<void> {
  serial += 1;
  await env.db.transaction().execute((trx) =>
    appendAuditEvent(trx, {
      chainId,
      eventKey: `e${serial}`,
      at: new Date().toISOString(),
      actor: auditor(),
      action: 'stage.changed',
      data: { serial },
      workflowId: null,
      runId: null,
      division: '150102',
    }),
  );
}

const headOf = (chainId: string) =>
  env.db.selectFrom('audit_heads').select(['seq', 'hash']).where('chain_id', '=', chainId).executeTakeFirstOrThrow();
const lineCount = async (file: string) =>
  (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;

describe('anchoring chain heads', () => {
  const file = join(dir, 'anchors.ndjson');
  const anchoring = () => createAnchorActivities({ db: env.db, anchorFile: file, anchorKey: key });

  it('anchors each moved head once, signed, and nothing when nothing moved', async () => {
    await append('anchor-a');
    await append('anchor-a');
    await append('anchor-b');
    expect(await anchoring().anchorChainHeads()).toBe(2);
    expect(await anchoring().anchorChainHeads()).toBe(0);
    const { anchors, rejected } = await readLatestAnchors(file, key);
    expect(rejected).toEqual([]);
    expect(anchors.get('anchor-a')).toMatchObject({ ...(await headOf('anchor-a')), division: '150102' });
    expect(anchors.get('anchor-b')).toMatchObject(await headOf('anchor-b'));

    await append('anchor-b');
    expect(await anchoring().anchorChainHeads()).toBe(1);
    expect((await readLatestAnchors(file, key)).anchors.get('anchor-b')).toMatchObject({
      seq: 2,
      hash: (await headOf('anchor-b')).hash,
    });
  });

  it('after a crash mid-line, anchors only what is missing and reports the torn line', async () => {
    await append('anchor-c');
    await appendFile(file, '{"v":1,"chainId":"anchor-c","seq":1,"ha');
    expect(await anchoring().anchorChainHeads()).toBe(1);
    const { anchors, rejected } = await readLatestAnchors(file, key);
    expect(rejected).toEqual([{ line: 4, reason: 'unreadable' }]);
    expect(anchors.get('anchor-c')).toMatchObject(await headOf('anchor-c'));
    expect(await anchoring().anchorChainHeads()).toBe(0);
  });

  it('does not trust a line whose signature does not hold', async () => {
    const original = await readFile(file, 'utf8');
    const lines = original.split('\n');
    const i = lines.findIndex((l) => l.includes('"anchor-b"') && l.includes('"seq":2'));
    const forged = JSON.parse(lines[i]!);
    // A rewritten chain's new head, put in the file by someone without the key.
    lines[i] = JSON.stringify({ ...forged, hash: 'f'.repeat(64) });
    await writeFile(file, lines.join('\n'));
    const { anchors, rejected } = await readLatestAnchors(file, key);
    expect(rejected).toContainEqual({ line: i + 1, reason: 'bad_signature' });
    // The last anchor that holds is the earlier one.
    expect(anchors.get('anchor-b')?.seq).toBe(1);
    // And a key that is not the one it was signed with trusts nothing.
    const withOtherKey = await readLatestAnchors(file, 'another-key-of-at-least-32-characters-long');
    expect(withOtherKey.anchors.size).toBe(0);
    expect(withOtherKey.rejected.filter((r) => r.reason === 'bad_signature').length).toBe(
      lines.filter((l) => l.startsWith('{"v":1') && l.endsWith('}')).length,
    );
  });
});

describe('the anchoring workflow', () => {
  it('anchors on its interval and keeps going in a fresh run', async () => {
    const workerFile = join(dir, 'worker-anchors.ndjson');
    await append('wf-chain');
    const handle = await env.client.workflow.start<typeof auditAnchorWorkflow>('auditAnchorWorkflow', {
      workflowId: `audit-anchor-${crypto.randomUUID()}`,
      taskQueue: env.taskQueue,
      args: [{ intervalSeconds: 1, roundsPerRun: 2 }],
    });
    try {
      const first = await eventually(
        () => lineCount(workerFile),
        (n) => n >= 1,
        10_000,
      );
      await append('wf-chain');
      await eventually(
        () => lineCount(workerFile),
        (n) => n > first,
        10_000,
      );
      const { anchors } = await readLatestAnchors(workerFile, key);
      expect(anchors.get('wf-chain')).toMatchObject(await headOf('wf-chain'));
      // After two rounds it continues as new: a new run of the same workflow.
      await eventually(
        () => handle.describe(),
        (d) => d.runId !== handle.firstExecutionRunId && d.status.name === 'RUNNING',
        10_000,
      );
    } finally {
      await handle.terminate('test over');
    }
  });
});
