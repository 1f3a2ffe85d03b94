// POST /v1/cases/search: by a part of a name or a full ID number, answered like GET /v1/cases
// (scope, masking, order, cursor); a partial ID number is refused; the search text never reaches
// a log line; a corrected ID number is found by its new number and no longer by the old one.
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiLoggerOptions } from '../../api/logging.js';
import { idNumberHash } from '../../db/idNumberHash.js';
import * as personSearch from '../../db/migrations/20261202T0130_person_search.js';
import type { Principal } from '../../domain/access.js';
import { maskIdNumber } from '../../domain/idNumber.js';
import { buildAppWith } from '../support/accounts.js';
import { caseApi, eventually } from '../support/caseApi.js';
import { civilAffairs, institution, uniqueIdNumber, uniqueRegistration } from '../support/fixtures.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
let app: FastifyInstance;
const log: string[] = [];

const instA = institution('inst-search-a', '150102');
const instB = institution('inst-search-b', '150202');
const ca = civilAffairs('150102');

/** The people registered, by name: their case and full ID number. */
const people: Record<string, { caseId: string; idNumber: string }> = {};

interface CaseList {
  items: Array<{ caseId: string; person: { name: string; idNumber: string } }>;
  nextCursor: string | null;
}

const search = (p: Principal, body: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url: '/v1/cases/search',
    headers: { authorization: `Bearer ${env.token(p)}` },
    payload: body,
  });
const found = async (p: Principal, body: Record<string, unknown>) => {
  const res = await search(p, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CaseList>();
};
const names = (list: CaseList) => list.items.map((i) => i.person.name).sort();

beforeAll(async () => {
  env = await createTestEnv();
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => log.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  app = await buildAppWith(env, {}, { logger: apiLoggerOptions('trace', stream) });
  const api = caseApi(env);
  const register = async (p: Principal, division: string, name: string) => {
    const idNumber = uniqueIdNumber(18, division);
    const { caseId } = await api.register(p, uniqueRegistration(division, { name, idNumber }));
    people[name] = { caseId, idNumber };
  };
  await register(instA, '150102', '王小明');
  await register(instA, '150102', '王小红');
  await register(instA, '150102', '李四');
  await register(instA, '150102', '百分之百_王');
  await register(instB, '150202', '王小刚');
});
afterAll(async () => {
  await app?.close();
  await env?.close();
});

describe('POST /v1/cases/search', () => {
  it('finds cases by a part of the name, within the caller scope, answered like GET /v1/cases', async () => {
    expect(names(await found(instA, { q: '小明' }))).toEqual(['王小明']);
    expect(names(await found(ca, { q: '王小' }))).toEqual(['王小明', '王小红']);
    // Another jurisdiction's youth is not found, by name or by ID number.
    expect(names(await found(instA, { q: '王小刚' }))).toEqual([]);
    expect(names(await found(ca, { q: people['王小刚']!.idNumber }))).toEqual([]);
    expect(names(await found(instB, { q: '王小' }))).toEqual(['王小刚']);

    // The same items GET /v1/cases gives, ID numbers masked.
    const listed = (
      await app.inject({ method: 'GET', url: '/v1/cases', headers: { authorization: `Bearer ${env.token(ca)}` } })
    ).json<CaseList>();
    const searched = await found(ca, { q: '王小' });
    expect(searched.items).toEqual(listed.items.filter((i) => i.person.name.startsWith('王小')));
    expect(searched.items[0]!.person.idNumber).toBe(maskIdNumber(people['王小明']!.idNumber));
  });

  it('pages with the cursor and takes the list filters', async () => {
    const first = await found(ca, { q: '王小', limit: 1 });
    expect(first.items).toHaveLength(1);
    const second = await found(ca, { q: '王小', limit: 1, cursor: first.nextCursor });
    expect([...names(first), ...names(second)].sort()).toEqual(['王小明', '王小红']);
    expect(second.nextCursor).toBeNull();
    expect(names(await found(ca, { q: '王小', stage: 'closed' }))).toEqual([]);
    expect(names(await found(ca, { q: '王小', institutionId: 'inst-search-a', overdue: false }))).toHaveLength(2);
  });

  it('takes LIKE wildcards in a name literally', async () => {
    expect(names(await found(instA, { q: '%%' }))).toEqual([]);
    expect(names(await found(instA, { q: '百_' }))).toEqual(['百分之百_王']);
    // As a wildcard, _ would match the 百 after 之.
    expect(names(await found(instA, { q: '之_' }))).toEqual([]);
    expect(names(await found(instA, { q: '_%' }))).toEqual([]);
  });

  it('finds a case by its full ID number, exactly, with a lower-case x too', async () => {
    const { idNumber, caseId } = people['李四']!;
    const byId = await found(instA, { q: ` ${idNumber.toLowerCase()} ` });
    expect(byId.items.map((i) => i.caseId)).toEqual([caseId]);
    expect(byId.items[0]!.person.idNumber).toBe(maskIdNumber(idNumber));
  });

  it('refuses a partial ID number, a one-character name and an invalid ID number with 400', async () => {
    const { idNumber } = people['李四']!;
    for (const q of [
      idNumber.slice(0, 6),
      idNumber.slice(0, 17),
      idNumber.slice(4),
      `${idNumber}1`,
      `李${idNumber.slice(0, 8)}`,
    ]) {
      const res = await search(instA, { q });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'q' } });
      expect(res.json().error.message).toContain('partial ID number');
      expect(res.body).not.toContain(q);
    }
    const wrongCheck = idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0');
    expect((await search(instA, { q: wrongCheck })).json().error.message).toBe('q: not a valid ID number');
    expect((await search(instA, { q: ' 王 ' })).statusCode).toBe(400);
    expect((await search(instA, { q: '王' })).statusCode).toBe(400);
    expect((await search(instA, { q: '王小', extra: 1 })).statusCode).toBe(400);
  });

  it('finds a corrected ID number by the new number, and no longer by the old one', async () => {
    const { caseId, idNumber: old } = people['王小红']!;
    const corrected = uniqueIdNumber(18, '150102');
    const res = await app.inject({
      method: 'PATCH',
      url: `/v1/cases/${caseId}`,
      headers: { authorization: `Bearer ${env.token(instA)}` },
      payload: { changes: { idNumber: corrected }, reason: '身份证号录入错误' },
    });
    expect(res.statusCode, res.body).toBe(200);
    await eventually(
      () => found(instA, { q: corrected }),
      (list) => list.items.length === 1,
    );
    expect((await found(instA, { q: corrected })).items.map((i) => i.caseId)).toEqual([caseId]);
    expect((await found(instA, { q: old })).items).toEqual([]);
    people['王小红']!.idNumber = corrected;
  });

  it('writes no name and no ID number searched to the log, not even at trace level', async () => {
    const searched = [...Object.keys(people), ...Object.values(people).map((p) => p.idNumber), '小明', '王小'];
    const text = log.join('\n');
    expect(log.length).toBeGreaterThan(20);
    expect(text).toContain('/v1/cases/search');
    for (const s of searched) expect(text, s).not.toContain(s);
  });

  it('hashes the ID numbers of persons registered before it, and indexes the hash and the name', async () => {
    // The migration run again on this file's own database: down, a person written as before it, up.
    await personSearch.down(env.db as never);
    const before = uniqueIdNumber(18, '150102');
    await sql`
      INSERT INTO persons (person_id, id_number, name, birth_date, sex, hukou_type)
      VALUES (gen_random_uuid(), ${before}, '迁移前', '2008-01-01', 'male', 'urban')
    `.execute(env.db);
    await personSearch.up(env.db as never);
    const row = await env.db
      .selectFrom('persons')
      .select('id_number_hash')
      .where('id_number', '=', before)
      .executeTakeFirstOrThrow();
    expect(row.id_number_hash).toBe(idNumberHash(before));
    const registered = await env.db
      .selectFrom('persons')
      .select(['id_number', 'id_number_hash'])
      .where('name', '=', '李四')
      .executeTakeFirstOrThrow();
    expect(registered.id_number_hash).toBe(idNumberHash(registered.id_number));
    const indexes = await sql<{ indexdef: string }>`
      SELECT indexdef FROM pg_indexes WHERE tablename = 'persons' AND indexname IN ('persons_id_number_hash', 'persons_name_trgm')
    `.execute(env.db);
    const definitions = indexes.rows.map((r) => r.indexdef).join('\n');
    expect(definitions).toContain('(id_number_hash)');
    expect(definitions).toContain('USING gin (name gin_trgm_ops)');
  });
});
