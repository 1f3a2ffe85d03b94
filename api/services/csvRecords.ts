// CSV records from a byte stream, in file order, with backpressure. Parse errors arrive in their
// place among the records (a parser's own error would discard the records still buffered before
// it), and once the reader stops, the rest of the input is read and dropped so the request ends.
import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';

export type CsvItem = { cells: string[] } | { malformed: string };

/** Records waiting for the reader; more than this and the input is paused. */
const HIGH_WATER = 64;

export class CsvTooLarge extends Error {}

export interface CsvOptions {
  maxBytes: number;
  /** A quote left open would otherwise swallow the rest of the file into one field. */
  maxRecordChars: number;
}

/** Why a record could not be read, in words that quote nothing from the file. */
function describe(err: unknown): string {
  return err instanceof CsvError
    ? `the CSV is malformed (${err.code}) near line ${typeof err.lines === 'number' ? err.lines : '?'}`
    : 'the CSV could not be read';
}

export async function* csvRecords(input: Readable, options: CsvOptions): AsyncGenerator<CsvItem> {
  const queue: CsvItem[] = [];
  let finished = false;
  let failure: unknown = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };

  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    record_delimiter: ['\r\n', '\n'],
    max_record_size: options.maxRecordChars,
    skip_records_with_error: true,
    on_record: (cells: string[]) => {
      queue.push({ cells });
      notify();
      return null;
    },
    on_skip: (err) => {
      queue.push({ malformed: describe(err) });
      notify();
    },
  });
  parser.on('error', (err) => {
    failure = err;
    notify();
  });
  parser.on('close', () => {
    finished = true;
    notify();
    input.resume();
  });
  parser.resume();

  let bytes = 0;
  input.on('data', (chunk: Buffer) => {
    if (parser.destroyed) return;
    bytes += chunk.length;
    if (bytes > options.maxBytes) {
      parser.destroy(
        new CsvTooLarge(
          `the CSV is larger than ${options.maxBytes >= 1024 * 1024 ? `${options.maxBytes / 1024 / 1024} MB` : `${options.maxBytes} bytes`}`,
        ),
      );
      return;
    }
    parser.write(chunk);
    if (queue.length >= HIGH_WATER) input.pause();
  });
  input.on('end', () => parser.end());
  input.on('error', (err) => parser.destroy(err));

  try {
    for (;;) {
      const item = queue.shift();
      if (item) {
        if (queue.length < HIGH_WATER / 2 && !parser.destroyed) input.resume();
        yield item;
        continue;
      }
      if (failure) throw failure;
      if (finished) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    if (!parser.destroyed) parser.destroy();
    input.resume();
  }
}
