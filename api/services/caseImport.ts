// Registers a roster of youths from a CSV stream: rows are parsed as they arrive and registered a
// few at a time, so a file of ten thousand rows needs no more memory than its small report. Each
// row is registered like POST /v1/cases, and a refused row writes nothing.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { normaliseIdNumber } from '../../domain/idNumber.js';
import { DomainError, validationFailed } from '../errors.js';
import type { RegisterCaseBody } from '../schemas/cases.js';
import { CsvTooLarge, csvRecords } from './csvRecords.js';
import { type Header, type RowError, readHeader, rowRefusal, rowToBody } from './rosterRows.js';

export const ROSTER_MAX_BYTES = 20 * 1024 * 1024;
export const ROSTER_MAX_ROWS = 10_000;
/** Rows registered at once: enough to overlap the round trips, few enough to spare the pool. */
const CONCURRENCY = 8;

export interface RowReport {
  row: number;
  status: 'created' | 'refused';
  caseId?: string;
  error?: RowError;
}

export interface ImportReport {
  created: number;
  refused: number;
  rows: RowReport[];
}

export interface ImportDeps {
  /** Registers one youth; throws a DomainError when the row is refused. */
  register(body: RegisterCaseBody): Promise<string>;
  /** Told about a row that failed for a reason of ours, not the row's (never with its data). */
  onInternalError(err: unknown, row: number): void;
}

export interface ImportLimits {
  maxBytes: number;
  maxRows: number;
}

export async function importRoster(
  input: Readable,
  deps: ImportDeps,
  limits: ImportLimits = { maxBytes: ROSTER_MAX_BYTES, maxRows: ROSTER_MAX_ROWS },
): Promise<ImportReport> {
  const records = csvRecords(input, { maxBytes: limits.maxBytes, maxRecordChars: 64 * 1024 });
  const rows: RowReport[] = [];
  const running = new Set<Promise<void>>();
  // First row of each ID number in the file (kept as a hash) and the case it produced, if any.
  const seen = new Map<string, { row: number; caseId: Promise<string | null> }>();
  let header: Header | null = null;
  let n = 0;

  const settle = async (row: number, work: () => Promise<string>): Promise<string | null> => {
    try {
      const caseId = await work();
      rows[row - 1] = { row, status: 'created', caseId };
      return caseId;
    } catch (err) {
      if (err instanceof DomainError) {
        const existing = (err.details as { caseId?: unknown } | undefined)?.caseId;
        rows[row - 1] = {
          row,
          status: 'refused',
          ...(typeof existing === 'string' ? { caseId: existing } : {}),
          error: rowRefusal(err.code, err.message),
        };
      } else {
        deps.onInternalError(err, row);
        rows[row - 1] = {
          row,
          status: 'refused',
          error: {
            code: 'INTERNAL',
            message: 'the row could not be registered for a reason of ours; nothing was written for it, retry it',
          },
        };
      }
      return null;
    }
  };

  const launch = async (work: Promise<unknown>) => {
    const p = work.then(() => undefined).finally(() => running.delete(p));
    running.add(p);
    if (running.size >= CONCURRENCY) await Promise.race(running);
  };

  const notRead = (row: number, why: string): RowReport => ({
    row,
    status: 'refused',
    error: { code: 'VALIDATION_FAILED', message: `${why}: this row and the rest were not read` },
  });
  try {
    for await (const item of records) {
      if ('malformed' in item) {
        if (header === null) throw validationFailed(`body: ${item.malformed}`);
        rows[n] = notRead(n + 1, item.malformed);
        break;
      }
      if (header === null) {
        header = readHeader(item.cells);
        continue;
      }
      const row = ++n;
      if (row > limits.maxRows) {
        rows[row - 1] = notRead(row, `a roster takes at most ${limits.maxRows} rows; import the rest in another file`);
        break;
      }
      const parsed = rowToBody(header, item.cells);
      if ('error' in parsed) {
        rows[row - 1] = { row, status: 'refused', error: parsed.error };
        continue;
      }
      const key = createHash('sha256').update(normaliseIdNumber(parsed.body.person.idNumber)).digest('base64');
      const first = seen.get(key);
      if (first) {
        await launch(
          settle(row, async () => {
            const caseId = await first.caseId;
            throw new DomainError('CONFLICT', `idNumber appears again in this file (first at row ${first.row})`, {
              caseId,
              firstRow: first.row,
            });
          }),
        );
        continue;
      }
      const caseId = settle(row, () => deps.register(parsed.body));
      seen.set(key, { row, caseId });
      await launch(caseId);
    }
  } catch (err) {
    await Promise.all(running);
    if (err instanceof DomainError) throw err;
    const why = err instanceof CsvTooLarge ? err.message : 'the upload broke off';
    if (header === null) throw validationFailed(`body: ${why}`);
    rows[n] = notRead(n + 1, why);
  }
  await Promise.all(running);
  if (header === null)
    throw validationFailed('body: the CSV has no header row (columns: name,idNumber,hukouType,division, ...)');

  const report = rows.filter((r): r is RowReport => r !== undefined);
  const created = report.filter((r) => r.status === 'created').length;
  return { created, refused: report.length - created, rows: report };
}
