// What the page can tell about a chosen roster before sending it: the data rows it holds, and what
// the import would refuse outright (not UTF-8, over 20 MB, an unclosed quote, a header it does not
// know, no rows, or the template's example row still in it). Rows themselves are the API's to judge.
import { parseCsv } from './csv';
import { EXAMPLE_ID_NUMBER, type HeaderProblem, columnOfHeader, headerProblems } from './template';

export const ROSTER_MAX_BYTES = 20 * 1024 * 1024;

export interface Preview {
  /** The file's text, sent as it is; absent when the file cannot be read as UTF-8 or is too large. */
  text?: string;
  rows?: number;
  header?: HeaderProblem[];
  problem?: 'notUtf8' | 'tooLarge' | 'unterminated' | 'noRows' | 'exampleLeft';
  /** The line of an unclosed quote. */
  line?: number;
}

export function previewOf(text: string): Preview {
  const parsed = parseCsv(text);
  if (parsed.unterminatedQuoteAtLine !== undefined)
    return { text, rows: parsed.rows.length, problem: 'unterminated', line: parsed.unterminatedQuoteAtLine };
  const header = headerProblems(parsed.header);
  if (header.length > 0) return { text, rows: parsed.rows.length, header };
  if (parsed.rows.length === 0) return { text, rows: 0, problem: 'noRows' };
  const idColumn = parsed.header.findIndex((h) => columnOfHeader(h) === 'idNumber');
  if (parsed.rows.some((r) => r[idColumn]?.trim().toUpperCase() === EXAMPLE_ID_NUMBER))
    return { text, rows: parsed.rows.length, problem: 'exampleLeft' };
  return { text, rows: parsed.rows.length };
}

export async function readRoster(file: Blob): Promise<Preview> {
  if (file.size > ROSTER_MAX_BYTES) return { problem: 'tooLarge' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return { problem: 'notUtf8' };
  }
  return previewOf(text);
}
