// Redocly CLI lints the OpenAPI document the API serves, with the rules of redocly.yaml: no error
// and no warning. Generated clients (the console's) depend on what it checks: an operationId on
// every operation, the 4xx answers, the tags.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servedDocument } from '../support/servedDocument.js';

const ROOT = join(import.meta.dirname, '..', '..');
let dir: string;
let documentFile: string;

interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }>;
}

async function lint(file: string): Promise<LintReport> {
  const bin = join(ROOT, 'node_modules', '.bin', 'redocly');
  const args = ['lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format=json'];
  // Redocly exits 1 when it finds errors; the report is on stdout either way.
  const out = await promisify(execFile)(bin, args, {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
    // No telemetry and no update check: the lint stays on this machine.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
  return JSON.parse(out.stdout) as LintReport;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'openapi-lint-'));
  documentFile = join(dir, 'openapi.json');
  await writeFile(documentFile, JSON.stringify(await servedDocument()));
}, 60_000);
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the served OpenAPI document', () => {
  it('passes Redocly lint with no error and no warning', async () => {
    const report = await lint(documentFile);
    const problems = report.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    expect(problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 60_000);

  it('fails the lint when an operation has no operationId or no 4xx answer', async () => {
    // The test can fail: the same document with one operation stripped of both is refused.
    const doc = JSON.parse(await readFile(documentFile, 'utf8')) as {
      paths: Record<string, Record<string, { operationId?: string; responses: Record<string, unknown> }>>;
    };
    const op = doc.paths['/v1/cases']!.get!;
    delete op.operationId;
    for (const status of Object.keys(op.responses)) if (status.startsWith('4')) delete op.responses[status];
    const broken = join(dir, 'broken.json');
    await writeFile(broken, JSON.stringify(doc));
    const report = await lint(broken);
    const rules = report.problems.filter((p) => p.severity === 'error').map((p) => p.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['operation-operationId', 'operation-4xx-response']));
  }, 60_000);
});
