// Migrations are listed here rather than read from the directory, so the same list works from
// TypeScript sources and from the compiled build. Names sort in the order they must run.
import type { Migration } from 'kysely/migration';
import * as foundation from './20261129T1100_foundation.js';
import * as referenceData from './20261129T1110_reference_data.js';

export const migrations: Record<string, Migration> = {
  '20261129T1100_foundation': foundation,
  '20261129T1110_reference_data': referenceData,
};
