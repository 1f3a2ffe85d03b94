// The determinism guard of eslint.config.mjs, run as `npm run lint` runs it: probe sources are linted
// as if they were files deep inside workflows/ and domain/, so a pattern that only matched one
// folder level (`../db/*`) lets the deep import through and this test fails. The probes exist only
// in memory, where the TypeScript project service cannot see them, so the type-aware rules are off
// for them; the import guard needs no types.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const GUARD = 'no-restricted-imports';

let eslint: ESLint;

/** The messages of the import guard for `code` placed at `filePath` (relative to the repository). */
async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${filePath}` });
  const fatal = result!.messages.filter((m) => m.fatal);
  expect(fatal, 'the probe must parse').toEqual([]);
  return result!.messages.filter((m) => m.ruleId === GUARD).map((m) => m.message);
}

describe('the determinism guard (ESLint) on workflow and domain files', () => {
  beforeAll(() => {
    eslint = new ESLint({ cwd: root, overrideConfig: tseslint.configs.disableTypeChecked });
  });

  it('refuses a deep workflow file importing db/, api/ or tools/', async () => {
    const probe = 'workflows/case/actions/probe.ts';
    expect(await refusals(probe, "import { createDb } from '../../../db/database.js';\nvoid createDb;\n")).toEqual([
      expect.stringContaining('Deterministic code does no I/O'),
    ]);
    expect(await refusals(probe, "import { notFound } from '../../../api/errors.js';\nvoid notFound;\n")).toEqual([
      expect.stringContaining('Deterministic code does no I/O'),
    ]);
    expect(
      await refusals(
        probe,
        "import { startFakeBank } from '../../../tools/fake-bank/fakeBank.js';\nvoid startFakeBank;\n",
      ),
    ).toHaveLength(1);
  });

  it('refuses a value import of activities at any depth, and allows a type-only one', async () => {
    const valueImport = "import { createActivities } from '../../../activities/index.js';\nvoid createActivities;\n";
    expect(await refusals('workflows/case/actions/probe.ts', valueImport)).toEqual([
      expect.stringContaining('import their types only'),
    ]);
    expect(await refusals('workflows/case/probe.ts', valueImport.replace('../../../', '../../'))).toHaveLength(1);
    const typeImport =
      "import type { CaseActivities } from '../../../activities/types.js';\nexport type Probe = CaseActivities;\n";
    expect(await refusals('workflows/case/actions/probe.ts', typeImport)).toEqual([]);
  });

  it('refuses Node built-ins in workflows and domain, and leaves the rest of the tree alone', async () => {
    const crypto = "import { createHash } from 'node:crypto';\nvoid createHash;\n";
    expect(await refusals('workflows/case/actions/probe.ts', crypto)).toHaveLength(1);
    expect(await refusals('domain/probe.ts', crypto)).toHaveLength(1);
    expect(
      await refusals('domain/probe.ts', "import type { Db } from '../db/database.js';\nexport type Probe = Db;\n"),
    ).toHaveLength(1);
    // The API may do I/O: the same imports there are not the guard's business.
    expect(await refusals('api/services/probe.ts', crypto)).toEqual([]);
    expect(
      await refusals('api/services/probe.ts', "import { createDb } from '../../db/database.js';\nvoid createDb;\n"),
    ).toEqual([]);
  });
});
