// The figures of one run: each is a ratio to a baseline measured in the same run, because this
// machine is noisy and an absolute number from another day means little.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const started = Date.now();

let deadline = Number.POSITIVE_INFINITY;

/** When the whole run must be done; budget-bound benchmarks shrink to leave the later ones room. */
export function setRunDeadline(at: number): void {
  deadline = at;
}

export function remainingMs(): number {
  return deadline - Date.now() - reservedMs;
}

let reservedMs = 0;

/** Time the benchmarks still to come in this run need; remainingMs() leaves it to them. */
export function setReservedForLater(ms: number): void {
  reservedMs = ms;
}

/** Progress on stderr, stamped with the seconds since the run began. */
export function log(line: string): void {
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
}

export interface Target {
  /** ratio >= value, ratio <= value, or value <= value (an absolute limit on the figure itself). */
  op: '>=' | '<=' | 'value<=';
  value: number;
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  ratio: number;
  /** Human-readable target, or null for a figure reported only to explain another. */
  target: string | null;
  /** Whether the target is met; null without a target. */
  met: boolean | null;
  note?: string;
}

export function figure(f: {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number;
  target?: Target;
  note?: string;
}): Figure {
  const ratio = f.baselineValue === 0 ? Number.NaN : f.value / f.baselineValue;
  const t = f.target;
  const met = !t ? null : t.op === '>=' ? ratio >= t.value : t.op === '<=' ? ratio <= t.value : f.value <= t.value;
  const target = !t
    ? null
    : t.op === 'value<='
      ? `≤ ${t.value} ${f.unit}`
      : `ratio ${t.op === '>=' ? '≥' : '≤'} ${t.value}`;
  return {
    name: f.name,
    value: round(f.value),
    unit: f.unit,
    baseline: f.baseline,
    baselineValue: round(f.baselineValue),
    ratio: round(ratio, 3),
    target,
    met,
    ...(f.note ? { note: f.note } : {}),
  };
}

export function round(n: number, digits = 2): number {
  if (!Number.isFinite(n)) return n;
  const m = 10 ** digits;
  return Math.round(n * m) / m;
}

export interface RunInfo {
  startedAt: string;
  durationSeconds: number;
  scale: number;
  machine: Record<string, string | number>;
  notes: string[];
}

/** Writes `<name>.json` (the figures), `<name>-run.json` (the run) and `<name>.md` (the table). */
export function writeResults(
  dir: string,
  name: string,
  figures: Figure[],
  info: RunInfo,
): { json: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, `${name}.json`);
  const md = join(dir, `${name}.md`);
  writeFileSync(json, JSON.stringify(figures, null, 2) + '\n');
  writeFileSync(join(dir, `${name}-run.json`), JSON.stringify(info, null, 2) + '\n');
  writeFileSync(md, markdown(figures, info));
  return { json, md };
}

function cell(v: number | string | null | undefined): string {
  if (v === null || v === undefined) return '';
  return String(v).replace(/\|/g, '\\|');
}

export function markdown(figures: Figure[], info: RunInfo): string {
  const rows = figures.map(
    (f) =>
      `| ${cell(f.name)} | ${cell(f.value)} ${cell(f.unit)} | ${cell(f.baseline)} | ${cell(f.baselineValue)} ${cell(f.unit)} | ${cell(f.ratio)} | ${cell(f.target ?? '—')} | ${f.met === null ? '' : f.met ? 'met' : '**not met**'} |`,
  );
  const machine = Object.entries(info.machine)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return [
    `# Benchmark results`,
    '',
    `Run started ${info.startedAt}, took ${info.durationSeconds.toFixed(0)} s at BENCH_SCALE=${info.scale}. Machine: ${machine}.`,
    '',
    '| figure | value | baseline (same run) | baseline value | ratio | target | |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...(info.notes.length ? ['Notes:', '', ...info.notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n');
}
