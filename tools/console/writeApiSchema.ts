// `npm run console:api`: regenerates console/src/api/schema.d.ts (run it after changing a route).
import { writeFile } from 'node:fs/promises';
import { API_SCHEMA_FILE, generateApiSchema } from './apiSchema.js';

await writeFile(API_SCHEMA_FILE, await generateApiSchema());
console.log(`wrote ${API_SCHEMA_FILE}`);
