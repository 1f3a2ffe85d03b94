// The console's typed client cannot drift from the API: the checked-in console/src/api/schema.d.ts
// must be what `npm run console:api` generates from the API as it is now.
import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { API_SCHEMA_FILE, generateApiSchema } from '../../tools/console/apiSchema.js';

it('console/src/api/schema.d.ts is the generation of the current OpenAPI document (else run npm run console:api)', async () => {
  const [checkedIn, fresh] = await Promise.all([readFile(API_SCHEMA_FILE, 'utf8'), generateApiSchema()]);
  expect(checkedIn === fresh, 'console/src/api/schema.d.ts is stale: run `npm run console:api` and commit it').toBe(
    true,
  );
}, 120_000);
