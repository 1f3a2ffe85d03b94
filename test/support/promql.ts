// The metric names a PromQL expression reads: enough of the language to check that dashboards
// and alert rules name metrics that exist. Strings, label matchers, ranges, grouping clauses and
// numbers are set aside; what remains that is not a function, an operator or a keyword is a
// metric name.
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'inf',
  'nan',
  'atan2',
  // Without a label list (`group_left` alone) the clause is only its keyword.
  'group_left',
  'group_right',
]);
const GROUPING = /\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g;
const TOKEN = /(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[a-zA-Z]*)|([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g;

export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(GROUPING, ' ');
  const names = new Set<string>();
  for (const [, number, word, call] of bare.matchAll(TOKEN)) {
    if (number !== undefined || word === undefined || call !== undefined) continue;
    if (KEYWORDS.has(word.toLowerCase()) || word.startsWith('$')) continue;
    names.add(word);
  }
  return [...names];
}
