// The GB/T 2260 divisions of Inner Mongolia, loaded by migration (reference data).
import type { Db } from '../database.js';

export async function divisionExists(db: Db, code: string): Promise<boolean> {
  const row = await db.selectFrom('divisions').select('code').where('code', '=', code).executeTakeFirst();
  return row !== undefined;
}
