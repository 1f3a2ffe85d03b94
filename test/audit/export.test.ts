// The jurisdiction export: every event of the auditor's chains in a time window, as NDJSON or as
// CSV a spreadsheet opens correctly; and a large export streams without the server holding it.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'kysely';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseApi } from '../support/caseApi.js';
import { auditor, institution } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';
import { caseWithEvents } from './helpers.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

let env: TestEnv;
let api: ReturnType<typeof caseApi>;
let caseIds: string[];
beforeAll(async () => {
  env = await createTestEnv();
  api = caseApi(env);
  caseIds = (await Promise.all([caseWithEvents(env), caseWithEvents(env)])).sort();
});
afterAll(async () => env?.close());

const hour = 3_600_000;
const windowNow = () =>
  `from=${new Date(Date.now() - hour).toISOString()}&to=${new Date(Date.now() + hour).toISOString()}`;

async function storedEvents() {
  return env.db
    .selectFrom('audit_events')
    .select(['chain_id', 'seq', 'hash', 'data'])
    .where('chain_id', 'in', caseIds)
    .orderBy('chain_id')
    .orderBy('seq')
    .execute();
}

describe('GET /v1/audit/export', () => {
  it('streams NDJSON: every event of the jurisdiction in the window, by chain then seq', async () => {
    const stored = await storedEvents();
    const res = await api.call(auditor('150100'), 'GET', `/v1/audit/export?${windowNow()}&format=ndjson`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson');
    const lines = res.body
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((e) => [e.chainId, e.seq, e.hash])).toEqual(stored.map((e) => [e.chain_id, e.seq, e.hash]));
    expect(lines[0]).toMatchObject({
      action: 'case.registered',
      actor: { role: 'institution', org: 'inst-hohhot-1' },
      prevHash: '0'.repeat(64),
      workflowId: caseIds[0],
    });
  });

  it('writes CSV with a BOM, the header row and one row per event, quoted per RFC 4180', async () => {
    const stored = await storedEvents();
    const res = await api.call(auditor(), 'GET', `/v1/audit/export?${windowNow()}&format=csv&division=150102`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-150102-.*\.csv"$/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows: string[][] = parse(res.body, { bom: true });
    expect(rows[0]).toEqual([
      'chain_id',
      'seq',
      'at',
      'actor_sub',
      'actor_role',
      'actor_org',
      'actor_division',
      'action',
      'data',
      'prev_hash',
      'hash',
    ]);
    expect(rows.slice(1).map((r) => [r[0], Number(r[1]), r[10]])).toEqual(
      stored.map((e) => [e.chain_id, e.seq, e.hash]),
    );
    // The data column round-trips exactly, Chinese text, commas and quotes included.
    expect(rows.slice(1).map((r) => JSON.parse(r[8]!))).toEqual(stored.map((e) => e.data));
    expect(res.body).toContain('\r\n');
  });

  it('leaves out events outside the window and chains outside the division', async () => {
    const before = await api.call(
      auditor(),
      'GET',
      '/v1/audit/export?from=2020-01-01T00:00:00Z&to=2020-12-31T00:00:00Z',
    );
    expect(before.statusCode).toBe(200);
    expect(before.body).toBe('');
    const elsewhere = await api.call(auditor('150200'), 'GET', `/v1/audit/export?${windowNow()}&format=csv`);
    expect(elsewhere.body.split('\r\n').filter(Boolean)).toHaveLength(1);
  });

  it('refuses what it cannot answer, naming the field', async () => {
    const cases: Array<[string, RegExp]> = [
      ['division=150200&' + windowNow(), /^division: 150200 is not within your jurisdiction 150100/],
      ['from=2025-01-01T00:00:00Z&to=2026-01-03T00:00:00Z', /^to: the window from\.\.to may span at most 366 days/],
      ['from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z', /^to: must be later than from/],
      ['to=2025-01-01T00:00:00Z', /from/],
      [`${windowNow()}&format=xlsx`, /format/],
    ];
    for (const [query, message] of cases) {
      const res = await api.call(auditor(), 'GET', `/v1/audit/export?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      expect(res.json().error.message, query).toMatch(message);
    }
    const byInstitution = await api.call(institution(), 'GET', `/v1/audit/export?${windowNow()}`);
    expect(byInstitution.statusCode).toBe(403);
  });

  it('streams 100,000 events in many chunks while the heap stays bounded', async () => {
    await sql`
      INSERT INTO audit_heads (chain_id, seq, hash, division_code)
      SELECT 'bulk-' || lpad(c::text, 4, '0'), 1000, md5(c::text), '150102' FROM generate_series(1, 100) c;
      INSERT INTO audit_events (chain_id, seq, event_key, at, actor, action, data, workflow_id, run_id, prev_hash, hash)
      SELECT 'bulk-' || lpad(c::text, 4, '0'), s, 'bulk:' || s,
             timestamptz '2025-06-01T00:00:00Z' + (c * 1000 + s) * interval '100 milliseconds',
             '{"sub": "bulk", "role": "institution", "org": "inst-bulk", "division": "150102"}',
             'bulk.event', jsonb_build_object('i', s, 'note', repeat('安置记录', 5)), NULL, NULL,
             repeat('0', 64), md5(c || ':' || s) || md5(s || ':' || c)
      FROM generate_series(1, 100) c, generate_series(1, 1000) s;
    `.execute(env.db);
    // What autovacuum would do soon after such a load; planning on empty-table statistics is not the point here.
    await sql`ANALYZE audit_events, audit_heads`.execute(env.db);

    const address = await env.app.listen({ port: 0, host: '127.0.0.1' });
    // Live heap, not garbage waiting for collection: collect before each sample.
    const liveHeap = () => {
      collectGarbage();
      return process.memoryUsage().heapUsed;
    };
    const baseline = liveHeap();
    let peak = baseline;
    const res = await fetch(`${address}/v1/audit/export?from=2025-06-01T00:00:00Z&to=2025-06-02T00:00:00Z`, {
      headers: { authorization: `Bearer ${env.token(auditor())}` },
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let chunks = 0;
    let bytes = 0;
    let lines = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks += 1;
      bytes += value.byteLength;
      for (const b of value) if (b === 0x0a) lines += 1;
      if (chunks % 100 === 0) peak = Math.max(peak, liveHeap());
    }
    expect(lines).toBe(100_000);
    expect(bytes).toBeGreaterThan(30_000_000);
    expect(chunks).toBeGreaterThan(100);
    // The export is ~44 MB; holding its rows costs ~75 MB of live heap, streaming them a few MB.
    expect(peak - baseline).toBeLessThan(32 * 1024 * 1024);
    // Memory is the point, not time: 100,000 rows take 15 s on a quiet machine and over a minute on a busy one.
  }, 180_000);
});
