// The glossary's words for the codes an export shows (domain/glossary.ts), so that a spreadsheet
// reads like the console. A code without a word (a task kind added later) is written as the code
// itself, never as an empty cell.
export {
  DEPARTMENT_WORDS,
  INSTITUTION_WORD,
  PATHWAY_WORDS,
  STAGE_WORDS,
  SUBSIDY_STATUS_WORDS,
  TASK_KIND_WORDS,
  TASK_STATUS_WORDS,
} from '../../domain/glossary.js';

/** The word for a code, the code itself when the glossary has none, empty for no value. */
export function wordFor(words: Record<string, string>, code: string | null | undefined): string {
  if (code === null || code === undefined) return '';
  return Object.hasOwn(words, code) ? words[code]! : code;
}
