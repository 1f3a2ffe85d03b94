// Repeated parameterised statements are prepared once per connection, and the set of prepared
// statements stays bounded however many different texts the application sends.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatementNames } from '../../db/preparedStatements.js';
import { type TestEnv, createTestEnv } from '../support/testEnv.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

const preparedOn = async (conn: TestEnv['db']) =>
  (await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(conn)).rows.map(
    (r) => r.statement,
  );

describe('prepared statements', () => {
  it('prepares a parameterised statement the second time a connection runs it, and answers the same', async () => {
    await env.db.connection().execute(async (conn) => {
      const text = 'SELECT code FROM divisions WHERE code = $1 /* prepared-once */';
      const answers = [];
      for (let i = 0; i < 3; i++)
        answers.push(
          (
            await sql<{
              code: string;
            }>`SELECT code FROM divisions WHERE code = ${'150102'} /* prepared-once */`.execute(conn)
          ).rows,
        );
      expect(answers).toEqual([[{ code: '150102' }], [{ code: '150102' }], [{ code: '150102' }]]);
      expect((await preparedOn(conn)).filter((s) => s === text)).toHaveLength(1);
    });
  });

  it('never names more than 256 texts, so varying texts cannot grow the server side without limit', async () => {
    await env.db.connection().execute(async (conn) => {
      for (let i = 0; i < 300; i++) {
        for (let k = 0; k < 2; k++) await sql`SELECT ${i}::int AS n ${sql.raw(`/* text ${i} */`)}`.execute(conn);
      }
      const named = (await preparedOn(conn)).filter((s) => s.includes('/* text '));
      expect(named.length).toBeGreaterThan(200);
      expect(named.length).toBeLessThanOrEqual(256);
    });
  });

  it('counts a text once per sighting and names it on the second', () => {
    const names = new StatementNames();
    expect(names.nameFor('SELECT $1')).toBeUndefined();
    const name = names.nameFor('SELECT $1');
    expect(name).toMatch(/^s[0-9a-f]{20}$/);
    expect(names.nameFor('SELECT $1')).toBe(name);
    expect(names.nameFor('SELECT $2')).toBeUndefined();
  });
});
