// The case search attributes must exist in the namespace before a case upserts them. The dev
// server and a self-hosted cluster accept them through the operator service; on Temporal Cloud
// create them once with `tcld` (see README) and this check finds them present.
import type { Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import { CASE_SEARCH_ATTRIBUTES } from '../../workflows/case/definitions.js';

export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const present = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = CASE_SEARCH_ATTRIBUTES.map((k) => k.name).filter((name) => !present.has(name));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(
      missing.map((name) => [name, proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD]),
    ),
  });
  return missing;
}
