// The OpenAPI document exactly as /docs/json serves it, from an app whose database and Temporal
// connections are never opened: the document needs neither, so the lint guards can read it in
// the unit project.
import { Client, Connection } from '@temporalio/client';
import { buildApp } from '../../api/app.js';
import { createDb } from '../../db/database.js';

export async function servedDocument(): Promise<Record<string, unknown>> {
  // Pools and connections are lazy: nothing listens on port 1, and nothing is asked of it.
  const db = createDb({ connectionString: 'postgres://nobody@127.0.0.1:1/none' });
  const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const app = await buildApp({ db, temporal: { client, taskQueue: 'none' }, auth: { jwtSecret: 'x'.repeat(40) } });
  try {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    if (res.statusCode !== 200) throw new Error(`/docs/json answered ${res.statusCode}`);
    return res.json();
  } finally {
    await app.close();
    await db.destroy();
  }
}
